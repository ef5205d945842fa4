"""The web pages. Each view parses input, calls governance actions or selectors, and renders."""
