"""Server-rendered web pages: a thin edge over the governance core (actions and selectors)."""
