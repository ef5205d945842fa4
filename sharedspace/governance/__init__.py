"""The governance core: the rules of power, enforced in one place.

Nothing in this package imports the web, API or CLI layers. Every change of governed
state goes through a function in ``actions``; reads go through ``selectors``.
"""
