"""The shipped district registry (``registry.json``), read through importlib.resources."""
