"""Where a person lives, asked of a population register by national identity number.

:class:`PopulationRegister` is the interface; :func:`population_register` returns the
one the installation uses (``settings.OIDC.population_register``, from the environment's
``POPULATION_REGISTER``):

- ``none``: :class:`NoPopulationRegister` knows nobody. A person logging in with
  ID-porten then gets a verified date of birth but no verified residence; staff can still
  verify residence in person.
- ``fake``: :class:`FakePopulationRegister`, a register kept in memory for tests and the
  demo (refused in production). Tests and the demo add people with
  :meth:`FakePopulationRegister.add`.

The real register, Folkeregisteret (Skatteetaten), needs an agreement and a Maskinporten
client; it is not implemented. An adapter for it implements :class:`PopulationRegister`.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import ClassVar, Protocol

from django.conf import settings


@dataclass(frozen=True)
class Residence:
    """A registered address: the municipality number (``0301``) and the postcode. The
    district is found from the postcode, or named directly by ``district_slug``."""

    municipality_number: str
    postcode: str = ""
    district_slug: str = ""


class PopulationRegister(Protocol):
    def residence(self, *, national_id: str) -> Residence | None:
        """Where the person with this national identity number lives, or None when the
        register does not know (or does not answer)."""
        ...


class NoPopulationRegister:
    """No register: nobody's residence is known."""

    def residence(self, *, national_id: str) -> Residence | None:
        return None


#: Demo residents the fake register knows from the start: synthetic numbers in the style
#: of Skatteetaten's Tenor test register (month + 80), never real people's. A local
#: ID-porten test login (or the fake provider) with one of them is verified as living in
#: the demo municipality, Drammen.
DEMO_RESIDENTS: dict[str, Residence] = {
    "12859000019": Residence("3301", postcode="3011"),  # born 12 May 1990, Bragernes
    "03831150016": Residence("3301", postcode="3011"),  # born 3 March 2011, Bragernes
    "20918500066": Residence("0301"),  # born 20 November 1985, Oslo
}


class FakePopulationRegister:
    """A register in memory, shared by the process (tests and the demo); it starts with
    :data:`DEMO_RESIDENTS`."""

    _people: ClassVar[dict[str, Residence]] = dict(DEMO_RESIDENTS)
    _lock: ClassVar[threading.Lock] = threading.Lock()

    @classmethod
    def add(cls, national_id: str, residence: Residence) -> None:
        with cls._lock:
            cls._people[national_id] = residence

    @classmethod
    def clear(cls) -> None:
        """Forget everybody added; the demo residents stay."""
        with cls._lock:
            cls._people.clear()
            cls._people.update(DEMO_RESIDENTS)

    def residence(self, *, national_id: str) -> Residence | None:
        with self._lock:
            return self._people.get(national_id)


_REGISTERS: dict[str, type[NoPopulationRegister] | type[FakePopulationRegister]] = {
    "none": NoPopulationRegister,
    "fake": FakePopulationRegister,
}


def population_register() -> PopulationRegister:
    """The register this installation asks."""
    name = getattr(settings.OIDC, "population_register", "none")
    return _REGISTERS.get(name, NoPopulationRegister)()
