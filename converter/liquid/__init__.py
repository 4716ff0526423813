"""python-liquid 2 configured and extended to behave as Jekyll 4.3.1's Liquid."""

from .environment import JekyllEnvironment, LiquidWarning, jekyll_error_message, make_environment

__all__ = ["JekyllEnvironment", "LiquidWarning", "jekyll_error_message", "make_environment"]
