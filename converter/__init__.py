"""converter: build Jekyll sites exactly as Jekyll 4.3.1 does, in Python."""

__version__ = "0.1.0"
JEKYLL_VERSION = "4.3.1"
