"""Load the indicator registry (indicators, groups, targets) into frozen dataclasses."""

__all__ = ["Indicator", "Target", "Plan", "load_registry", "load_plans", "get_indicator", "indicators", "targets",
           "groups", "plans", "PLAN_COLUMNS", "BINDING"]

import functools
import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import pandas as pd

from .errors import RegistryError

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@dataclass(frozen=True)
class Target:
    """A city's published target for one indicator."""

    indicator_id: str
    city: str
    year: int
    value: float
    relation: str
    source_id: str
    quote: str = ""
    period: tuple | None = None
    baseline_year: int | None = None
    baseline_value: float | None = None
    baseline_note: str = ""
    plan_id: str = ""
    binding: str = ""


# 属性 of a plan's main indicator: 约束性 (binding) or 预期性 (expected)
BINDING = {"binding": "约束性", "expected": "预期性"}


@dataclass(frozen=True)
class Plan:
    """A plan that sets targets, as declared in ``data/plans.yaml``."""

    plan_id: str
    city: str
    level: str
    kind: str
    title_zh: str
    title_en: str
    period: tuple
    source_id: str
    doc_number: str = ""
    issued: str = ""
    published: str = ""
    note: str = ""

    def title(self, lang="zh"):
        """Return the title in ``lang``."""
        return self.title_zh if lang == "zh" else self.title_en


@dataclass(frozen=True)
class Indicator:
    """One indicator's metadata, as declared in ``data/indicators.yaml``."""

    id: str
    name_zh: str
    name_en: str
    short_zh: str
    short_en: str
    unit_zh: str
    unit_en: str
    decimals: int
    direction: str
    measure: str
    bounds: tuple
    group: str
    definition_zh: str
    definition_en: str
    targets: tuple = field(default=())
    aliases: tuple = field(default=())

    def name(self, lang="zh"):
        """Return the full name in ``lang``."""
        return self.name_zh if lang == "zh" else self.name_en

    def short(self, lang="zh"):
        """Return the short chart label in ``lang``."""
        return self.short_zh if lang == "zh" else self.short_en

    def unit(self, lang="zh"):
        """Return the unit in ``lang``."""
        return self.unit_zh if lang == "zh" else self.unit_en

    def definition(self, lang="zh"):
        """Return the plain-language definition in ``lang``."""
        return self.definition_zh if lang == "zh" else self.definition_en

    @property
    def higher_is_better(self):
        return self.direction == "increase"


def _read_yaml(path):
    import yaml

    safe = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's, when built in: ten times faster
    try:
        with open(path, encoding="utf-8") as fh:
            loader = safe(fh)
            try:
                return loader.get_single_data() or {}
            finally:
                loader.dispose()
    except (OSError, yaml.YAMLError) as exc:
        raise RegistryError(f"{path}: cannot read the registry ({exc})") from None


def registry_schema():
    """Return the JSON Schema that the registry files must follow."""
    text = resources.files("gzinnov").joinpath("schema/registry.schema.json").read_text("utf-8")
    return json.loads(text)


def _make_target(entry, indicator_id):
    base = entry.get("baseline") or {}
    period = entry.get("period")
    return Target(
        indicator_id=indicator_id,
        city=entry["city"],
        year=int(entry["year"]),
        value=float(entry["value"]),
        relation=entry["relation"],
        source_id=entry["source_id"],
        quote=entry.get("quote", ""),
        period=tuple(period) if period else None,
        baseline_year=base.get("year"),
        baseline_value=None if base.get("value") is None else float(base["value"]),
        baseline_note=base.get("note", ""),
        plan_id=entry["plan_id"],
        binding=entry.get("binding", ""),
    )


@functools.cache
def load_registry(data_dir=None):
    """Load and check the registry; return ``(indicators_by_id, groups)``.

    The full JSON Schema check (slow to import) runs only when the cheap checks fail,
    to name exactly what is wrong; the tests run it on every commit.
    """
    data_dir = Path(data_dir or DATA_DIR)
    main = _read_yaml(data_dir / "indicators.yaml")
    peer_path = data_dir / "peer_targets.yaml"
    peer = _read_yaml(peer_path) if peer_path.exists() else {"targets": []}
    try:
        by_id = _build(main, peer, data_dir)
        _check_enums(by_id)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        _check_schema(main, peer, data_dir)
        raise RegistryError(f"{data_dir}: malformed registry ({exc})") from None
    _check_plans(by_id, load_plans(data_dir), data_dir)
    return by_id, main["groups"]


@functools.cache
def load_plans(data_dir=None):
    """Load ``data/plans.yaml``; return ``{plan_id: Plan}``."""
    data_dir = Path(data_dir or DATA_DIR)
    path = data_dir / "plans.yaml"
    doc = _read_yaml(path) if path.exists() else {"plans": []}
    out = {}
    try:
        for raw in doc["plans"] or []:
            fields = {k: (str(v) if k in ("issued", "published") else v) for k, v in raw.items()}
            fields["period"] = tuple(fields["period"])
            plan = Plan(**fields)
            if plan.plan_id in out:
                raise ValueError(f"plan id '{plan.plan_id}' appears twice")
            out[plan.plan_id] = plan
    except (KeyError, TypeError, ValueError) as exc:
        _check_plan_schema(doc, path)
        raise RegistryError(f"{path}: malformed plan registry ({exc})") from None
    return out


def _check_plans(by_id, plan_map, data_dir):
    """Every target names a declared plan of its own city."""
    import difflib

    for iid, ind in by_id.items():
        for t in ind.targets:
            plan = plan_map.get(t.plan_id)
            if plan is None:
                close = difflib.get_close_matches(t.plan_id, list(plan_map), n=1)
                hint = f"; did you mean '{close[0]}'?" if close else ""
                raise RegistryError(f"{data_dir}: target {iid} / {t.city} / {t.year} names plan "
                                    f"'{t.plan_id}', which data/plans.yaml does not declare{hint}")
            if plan.city != t.city:
                raise RegistryError(f"{data_dir}: target {iid} / {t.city} / {t.year} names plan "
                                    f"'{t.plan_id}', which is a plan of {plan.city}, not {t.city}")
            if t.binding and t.binding not in BINDING:
                raise RegistryError(f"{data_dir}: target {iid} / {t.city} / {t.year}: binding "
                                    f"'{t.binding}' is not one of {sorted(BINDING)}")


def _check_plan_schema(doc, path):
    import jsonschema

    schema = registry_schema()
    sub = dict(schema["$defs"]["plans"], **{"$defs": schema["$defs"]})
    errors = sorted(jsonschema.Draft202012Validator(sub).iter_errors(doc), key=str)
    if errors:
        where = "/".join(str(p) for p in errors[0].absolute_path)
        raise RegistryError(f"{path}: at '{where}': {errors[0].message}")


def _build(main, peer, data_dir):
    extra = {}
    for entry in peer.get("targets") or []:
        extra.setdefault(entry["indicator_id"], []).append(entry)
    by_id = {}
    for raw in main["indicators"]:
        iid = raw["id"]
        if iid in by_id:
            raise RegistryError(f"{data_dir / 'indicators.yaml'}: indicator id '{iid}' appears twice")
        entries = list(raw.get("targets") or []) + extra.pop(iid, [])
        fields = {k: v for k, v in raw.items() if k != "targets"}
        fields["bounds"] = tuple(fields["bounds"])
        fields["aliases"] = tuple(fields.get("aliases") or ())
        fields["targets"] = tuple(_make_target(e, iid) for e in entries)
        by_id[iid] = Indicator(**fields)
    if extra:
        raise RegistryError(f"{data_dir / 'peer_targets.yaml'}: targets for unknown indicators {sorted(extra)}")
    return by_id


def _check_enums(by_id):
    """Check the enumerated fields against the schema's own lists."""
    props = registry_schema()["$defs"]
    allowed = {"direction": props["indicator"]["properties"]["direction"]["enum"],
               "measure": props["indicator"]["properties"]["measure"]["enum"]}
    relations = props["target"]["properties"]["relation"]["enum"]
    for iid, ind in by_id.items():
        for field, values in allowed.items():
            if getattr(ind, field) not in values:
                raise ValueError(f"{iid}: {field} {getattr(ind, field)!r} is not one of {values}")
        for t in ind.targets:
            if t.relation not in relations:
                raise ValueError(f"{iid}: relation {t.relation!r} is not one of {relations}")


def _check_schema(main, peer, data_dir):
    import jsonschema

    schema = registry_schema()
    for doc, name, sub in ((main, "indicators.yaml", "registry"), (peer, "peer_targets.yaml", "peer_targets")):
        sub_schema = dict(schema["$defs"][sub], **{"$defs": schema["$defs"]})
        errors = sorted(jsonschema.Draft202012Validator(sub_schema).iter_errors(doc), key=str)
        if errors:
            first = errors[0]
            where = "/".join(str(p) for p in first.absolute_path)
            raise RegistryError(f"{data_dir / name}: at '{where}': {first.message}")


def get_indicator(indicator_id):
    """Return the :class:`Indicator` with this id, or raise ``RegistryError``.

    ``gz.get_indicator`` (:func:`gzinnov.names.get_indicator`) also takes names and official wordings.
    """
    by_id, _ = load_registry()
    try:
        return by_id[indicator_id]
    except (KeyError, TypeError):
        raise RegistryError(f"unknown indicator '{indicator_id}'") from None


def groups():
    """Return the plan's goal groups as a DataFrame (id, name_zh, name_en)."""
    _, grp = load_registry()
    return pd.DataFrame([{"group": k, **v} for k, v in grp.items()])


def indicators():
    """Return one row per indicator: ``indicator_id``, names, units, aliases, whether it has a target."""
    by_id, _ = load_registry()
    rows = []
    for ind in by_id.values():
        row = {"indicator_id": ind.id, **{k: getattr(ind, k) for k in Indicator.__dataclass_fields__
                                          if k not in ("id", "targets")}}
        row["aliases"] = "; ".join(ind.aliases)
        row["has_target"] = any(t.city == "Guangzhou" for t in ind.targets)
        rows.append(row)
    return pd.DataFrame(rows)


TARGET_COLUMNS = ["indicator_id", "city", "baseline_year", "baseline_value", "target_year",
                  "target_value", "relation", "source_id", "period_start", "period_end", "quote",
                  "baseline_note", "plan_id", "binding"]
PLAN_COLUMNS = ["plan_id", "city", "level", "title_zh", "title_en", "doc_number", "issued", "published",
                "period_start", "period_end", "source_id", "kind", "note"]


def plans(city=None):
    """Return the plans that set targets, one row per plan.

    Parameters
    ----------
    city : str or list of str, optional
        Keep only these cities' plans.
    """
    rows = [{**{k: getattr(p, k) for k in PLAN_COLUMNS if hasattr(p, k)},
             "period_start": p.period[0], "period_end": p.period[1]} for p in load_plans().values()]
    table = pd.DataFrame(rows, columns=PLAN_COLUMNS)
    table[["period_start", "period_end"]] = table[["period_start", "period_end"]].astype("Int64")
    if city is not None:
        table = table[table["city"].isin([city] if isinstance(city, str) else list(city))]
    return table.reset_index(drop=True)


def _keep(table, column, wanted):
    if wanted is None:
        return table
    wanted = [wanted] if isinstance(wanted, (str, int)) else list(wanted)
    return table[table[column].isin(wanted)]


def targets(city=None, plan=None, year=None):
    """Return the published targets, one row per indicator, city and target year.

    Parameters
    ----------
    city : str or list of str, optional
        Keep only these cities (English names); all cities with targets when None.
        ``gz.targets`` (:func:`gzinnov.names.targets`) takes any spelling.
    plan : str or list of str, optional
        Keep only the targets of these plans (``plan_id``, see :func:`plans`).
    year : int or list of int, optional
        Keep only these target years.
    """
    if plan is not None:
        unknown = sorted(set([plan] if isinstance(plan, str) else plan) - set(load_plans()))
        if unknown:
            raise RegistryError(f"unknown plan {unknown}; known plans: {', '.join(load_plans())}")
    table = _target_table().copy()
    table = _keep(_keep(_keep(table, "city", city), "plan_id", plan), "target_year", year)
    return table.reset_index(drop=True)


@functools.cache
def _target_table():
    """Every target of the registry as one table (made once: charts ask for it often)."""
    by_id, _ = load_registry()
    rows = [
        {
            "indicator_id": t.indicator_id, "city": t.city,
            "baseline_year": t.baseline_year, "baseline_value": t.baseline_value,
            "target_year": t.year, "target_value": t.value, "relation": t.relation,
            "source_id": t.source_id,
            "period_start": t.period[0] if t.period else None,
            "period_end": t.period[1] if t.period else None,
            "quote": t.quote, "baseline_note": t.baseline_note,
            "plan_id": t.plan_id, "binding": t.binding,
        }
        for ind in by_id.values() for t in ind.targets
    ]
    table = pd.DataFrame(rows, columns=TARGET_COLUMNS)
    for col in ("baseline_year", "target_year", "period_start", "period_end"):
        table[col] = table[col].astype("Int64")
    table["baseline_value"] = table["baseline_value"].astype(float)
    return table
