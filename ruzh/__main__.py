from ruzh.cli import entry

entry()
