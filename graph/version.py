"""vnkg's version, in a module of its own so that any layer can read it without importing the package's facade
(vnkg/__init__.py, which reaches the top layer, vnkg.api). pyproject.toml reads it
(the package's version is this one)."""

__version__ = "0.1.0"
