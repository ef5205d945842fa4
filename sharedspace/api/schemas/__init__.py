"""Shapes of what goes in and out of the API.

Inputs forbid unknown fields (a typo is a 422, not silently ignored) and check shape
only; the governance core checks meaning. Outputs document the contract's result fields;
fields the contract does not name are additive.
"""
