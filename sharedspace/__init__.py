"""Shared Space: spaces where parties decide together under rules of power kept in code."""

from importlib.util import find_spec

__version__ = "0.1.0"


def module_exists(name: str) -> bool:
    """Whether module ``name`` exists (its parent package is imported, the module is not).

    Lets settings and URLs take in optional parts of the project, such as the web pages,
    only once they are there. An error inside an existing package still raises.
    """
    parent, _, _ = name.rpartition(".")
    if parent and not module_exists(parent):
        return False
    return find_spec(name) is not None
