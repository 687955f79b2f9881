from ruzh.cli import main

raise SystemExit(main())
