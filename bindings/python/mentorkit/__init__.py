"""mentorkit: mentoring, coaching and supervision partnerships, from Python.

The compiled core (``mentorkit._core``) is re-exported here; this package adds only the
columnar export helpers (:func:`export_people`, :func:`export_relationships`,
:func:`export_expertise` returning a :class:`Table` with ``to_pandas()``).

Quick start::

    import datetime as dt
    import mentorkit as mk

    with mk.Store.memory() as store:
        maria = store.people.create("Dr. Maria Kowalczyk", 5)
        amina = store.people.create("Amina Rahman", 2, expertise={"research": 2})
        r = store.relationships.propose(
            model=mk.Model.mentoring, guide=maria, learner=amina, focus="clinical practice",
            start=dt.date(2026, 3, 2), proposed_by=amina)
        store.relationships.accept(r, maria, dt.date(2026, 3, 2))

Ids are plain ints; dates are ``datetime.date``; instants are timezone-aware
``datetime.datetime`` in UTC; enumerations are ``enum.Enum`` types. Every failure raises a
subclass of :class:`Error`.
"""

from __future__ import annotations

from ._core import (
    AgreementState,
    AgreementTemplate,
    AgreementTerms,
    AgreementVersion,
    Agreements,
    AuditEntry,
    AuditLog,
    BoardSeat,
    Clause,
    ClauseKind,
    Error,
    ErrorCode,
    EventKind,
    Expertise,
    Formality,
    InvalidArgument,
    Misunderstanding,
    Model,
    ModelDefaults,
    NotFound,
    People,
    PermissionDenied,
    Person,
    Relationship,
    RelationshipEvent,
    Relationships,
    RelationshipWarning,
    RuleViolation,
    Signature,
    Status,
    StorageError,
    Store,
    Style,
    Transaction,
    WarningCode,
    agreement_template,
    defaults_of,
    populate_demo,
)
from ._table import Table, export_expertise, export_people, export_relationships

__version__ = "0.1.0"

__all__ = [
    "AgreementState",
    "AgreementTemplate",
    "AgreementTerms",
    "AgreementVersion",
    "Agreements",
    "AuditEntry",
    "AuditLog",
    "BoardSeat",
    "Clause",
    "ClauseKind",
    "Error",
    "ErrorCode",
    "EventKind",
    "Expertise",
    "Formality",
    "InvalidArgument",
    "Misunderstanding",
    "Model",
    "ModelDefaults",
    "NotFound",
    "People",
    "PermissionDenied",
    "Person",
    "Relationship",
    "RelationshipEvent",
    "RelationshipWarning",
    "Relationships",
    "RuleViolation",
    "Signature",
    "Status",
    "StorageError",
    "Store",
    "Style",
    "Table",
    "Transaction",
    "WarningCode",
    "agreement_template",
    "defaults_of",
    "export_expertise",
    "export_people",
    "export_relationships",
    "populate_demo",
]
