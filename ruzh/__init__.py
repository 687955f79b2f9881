"""ruzh: Russian–Chinese translation alignment and terminology. The command line and the pipeline."""

__version__ = "0.1.0"
