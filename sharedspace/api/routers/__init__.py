"""One router per part of the contract; each operation parses, calls the core, formats."""
