"""The JSON API at /api/v1/ (CONTRACT.md §JSON API), built with django-ninja.

A thin edge: it parses input, calls governance actions and selectors, and formats output.
No rule of power lives here; refusals come from the governance core and are shown as the
contract's error body (see ``errors``).
"""
