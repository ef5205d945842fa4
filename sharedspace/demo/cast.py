"""The people and groups of the demonstration partnership (all made up).

A council team and a self-advocacy group in the (made-up) Welsh county of Aberhafod, a
parents and carers forum, and the council's cabinet. Emails are at example.org, which no
one can receive mail at.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class DemoPerson:
    key: str
    name: str
    email: str
    label: str  # shown beside the sign-in link: who this is in the story


@dataclass(frozen=True)
class DemoParty:
    key: str
    name: str
    kind: str
    decision_rule: str
    power_sources: tuple[str, ...]
    founder: str  # becomes coordinator and speaker
    members: tuple[tuple[str, tuple[str, ...]], ...] = field(default=())


PEOPLE: tuple[DemoPerson, ...] = (
    DemoPerson("carys", "Carys Jones", "carys.jones@example.org", "council coordinator"),
    DemoPerson("gareth", "Gareth Hughes", "gareth.hughes@example.org",
               "council head of service, speaker"),
    DemoPerson("tom", "Tom Price", "tom.price@example.org", "council officer"),
    DemoPerson("dafydd", "Dafydd Morgan", "dafydd.morgan@example.org",
               "self-advocate, group coordinator"),
    DemoPerson("sian", "Siân Roberts", "sian.roberts@example.org", "self-advocate"),
    DemoPerson("aled", "Aled Thomas", "aled.thomas@example.org", "self-advocate"),
    DemoPerson("megan", "Megan Williams", "megan.williams@example.org", "self-advocate"),
    DemoPerson("bethan", "Bethan Davies", "bethan.davies@example.org",
               "supporter of the self-advocacy group"),
    DemoPerson("huw", "Huw Lewis", "huw.lewis@example.org", "carers forum coordinator"),
    DemoPerson("eleri", "Eleri Rees", "eleri.rees@example.org", "council cabinet member"),
    DemoPerson("nia", "Nia Evans", "nia.evans@example.org",
               "university researcher, a critical friend in no group"),
)

PEOPLE_BY_KEY = {p.key: p for p in PEOPLE}

COUNCIL = DemoParty(
    key="council",
    name="Aberhafod Council learning disability team",
    kind="organisation",
    decision_rule="speaker",
    power_sources=("money", "mandate", "professional"),
    founder="carys",
    members=(("gareth", ("speaker",)), ("tom", ("member",))),
)
GROUP = DemoParty(
    key="group",
    name="Lleisiau Ni self-advocacy group",
    kind="people",
    decision_rule="majority",
    power_sources=("lived_experience", "networks"),
    founder="dafydd",
    members=(
        ("sian", ("member",)),
        ("aled", ("member",)),
        ("megan", ("member",)),
        ("bethan", ("member",)),
    ),
)
FORUM = DemoParty(
    key="forum",
    name="Aberhafod parents and carers forum",
    kind="people",
    decision_rule="speaker",
    power_sources=("lived_experience",),
    founder="huw",
)
CABINET = DemoParty(
    key="cabinet",
    name="Aberhafod Council cabinet",
    kind="organisation",
    decision_rule="speaker",
    power_sources=("money", "mandate"),
    founder="eleri",
)

PARTIES: tuple[DemoParty, ...] = (COUNCIL, GROUP, FORUM, CABINET)

# Titles the rest of the project (and the tests) can look the spaces up by.
BOARD_TITLE = "Learning disability partnership board"
SHARED_TITLE = "Day opportunities, designed together"
GROUP_SPACE_TITLE = "Lleisiau Ni: our own meetings"
