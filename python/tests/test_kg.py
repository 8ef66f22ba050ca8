"""The Python package against the `kg` binary of the same checkout: every
answer of the package is compared with what the command prints for the
bundled sample (`data/articles/`). The binary is `$KG_BIN` (the Rust test
`tests/python.rs` sets it to the build it runs with), else
`target/release/kg`; without one these tests are skipped."""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import kg

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "articles"


def kg_bin():
    found = os.environ.get("KG_BIN") or str(ROOT / "target" / "release" / "kg")
    if not Path(found).is_file():
        found = shutil.which("kg")
    if not found:
        pytest.skip("no kg binary: set KG_BIN or run `cargo build --release`")
    return found


def run(*args, cwd=None, code=0):
    """Runs the kg binary; its standard output and error."""
    env = {k: v for k, v in os.environ.items() if k != "KG_DB"}
    p = subprocess.run([kg_bin(), *map(str, args)], capture_output=True, text=True, cwd=cwd, env=env)
    assert p.returncode == code, (args, p.returncode, p.stderr)
    return p.stdout, p.stderr


def cli_json(*args):
    return json.loads(run(*args)[0])


@pytest.fixture(scope="session")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("kg") / "sample.db"
    run("--db", path, "ingest", SAMPLE)
    return path


@pytest.fixture(scope="session")
def graph(db):
    return kg.open(db)


def test_extract_gives_the_facts_kg_extract_writes():
    line, _ = run("extract", SAMPLE)
    (expected,) = [json.loads(x) for x in line.splitlines()]
    a = expected["article"]
    facts = kg.extract(a["text"], title=a["title"], date=a["date"], source=a["source"])
    assert facts == expected
    assert len(facts["entities"]) > 10 and facts["relations"]
    assert facts["article"]["lang"] == "fr"


def test_extract_reads_date_title_and_lang_as_a_jsonl_line(tmp_path):
    text = (
        "Le président Emmanuel Macron a rencontré jeudi à Berlin le chancelier "
        "Olaf Scholz. Les deux dirigeants ont signé un accord."
    )
    article = {"text": text, "title": "Macron à Berlin", "date": "12 mars 2024", "lang": "fr"}
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps(article) + "\n", encoding="utf-8")
    expected = json.loads(run("extract", path)[0])
    facts = kg.extract(text, "fr", date="12 mars 2024", title="Macron à Berlin", source=f"{path}:1")
    assert facts == expected
    assert facts["article"]["date"] == "2024-03-12"
    assert {e["name"] for e in facts["entities"]} >= {"Emmanuel Macron", "Olaf Scholz", "Berlin"}


def test_extract_defaults_and_bad_arguments():
    facts = kg.extract("Joe Biden met Vladimir Putin in Geneva on Wednesday.")
    assert facts["kg_facts"] == 1
    assert facts["article"]["source"] == "-" and facts["article"]["lang"] == "en"
    assert kg.extract("Joe Biden met Vladimir Putin in Geneva.", "auto") == kg.extract(
        "Joe Biden met Vladimir Putin in Geneva.", None
    )
    with pytest.raises(ValueError, match='unsupported language "de"'):
        kg.extract("Hallo", "de")
    with pytest.warns(UserWarning, match="not understood"):
        facts = kg.extract("Joe Biden met Vladimir Putin.", date="sometime soon")
    assert facts["article"]["date"] is None and facts["article"]["date_raw"] == "sometime soon"


def test_open_names_the_database_and_refuses_a_missing_one(tmp_path, graph, db):
    assert isinstance(graph.db_path, Path) and graph.db_path == db
    assert repr(graph) == f"kg.Graph({str(db)!r})"
    missing = tmp_path / "nothing.db"
    _, stderr = run("--db", missing, "stats", code=1)
    with pytest.raises(kg.KgError) as e:
        kg.open(missing)
    assert "kg: " + str(e.value) == stderr.strip()
    assert not missing.exists()


def test_neighbors_agree_with_kg_neighbors(graph, db):
    for name, depth in [("Wendy Sherman", 1), ("Sergueï Riabkov", 2), ("genève", 1)]:
        expected = cli_json("--db", db, "neighbors", name, "--depth", depth, "--json")
        assert graph.neighbors(name, depth) == expected
    expected = cli_json("--db", db, "neighbors", "Wendy Sherman", "-d", 2, "--no-cooccurs", "--type", "PER,ORG", "--limit", 3, "--json")
    got = graph.neighbors("Wendy Sherman", 2, cooccurs=False, types=["PER", "ORG"], limit=3)
    assert got == expected and got["neighbors"]


def test_relations_agree_with_kg_relations(graph, db):
    assert graph.relations() == cli_json("--db", db, "relations", "--json")
    # The sample has 50 relations, the default limit: limit=0 gives them all.
    every = graph.relations(limit=0)
    assert len(every) >= 50
    assert every == cli_json("--db", db, "relations", "--limit", "0", "--json")
    expected = cli_json("--db", db, "relations", "-e", "Wendy Sherman", "--labels", "meets", "--evidence", 2, "--json")
    got = graph.relations("Wendy Sherman", "meets", evidence=2)
    assert got == expected and got
    assert all(r["label"] == "meets" for r in got)
    with pytest.raises(ValueError, match='unknown label "greets"'):
        graph.relations(label="greets")


def test_path_agrees_with_kg_path(graph, db):
    a, b = "Bonnie Jenkins", "Sergueï Riabkov"
    assert graph.path(a, b) == cli_json("--db", db, "path", a, b, "--json")["paths"]
    expected = cli_json("--db", db, "path", a, b, "-k", 3, "--no-cooccurs", "--json")["paths"]
    got = graph.path(a, b, k=3, cooccurs=False)
    assert got == expected and len(got) > 1
    assert [s["node"]["name"] for s in got[0]][::len(got[0]) - 1] == [a, b]


def test_unknown_entity_raises_with_the_suggestions(graph, db):
    _, stderr = run("--db", db, "neighbors", "Wendy Shermann", code=2)
    with pytest.raises(kg.EntityError) as e:
        graph.neighbors("Wendy Shermann")
    assert "kg: " + str(e.value) == stderr.strip()
    assert "did you mean: Wendy Sherman" in str(e.value)
    with pytest.raises(kg.KgError):
        graph.path("Bonnie Jenkins", "Nobody At All")


def test_to_networkx_is_node_link_graph_of_kg_export(graph, db):
    nx = pytest.importorskip("networkx")
    data = cli_json("--db", db, "export", "--format", "json")
    try:
        expected = nx.node_link_graph(data, edges="edges")
    except TypeError:
        expected = nx.node_link_graph(data, link="edges")
    g = graph.to_networkx()
    assert isinstance(g, nx.MultiDiGraph)
    assert g.graph == expected.graph
    assert list(g.nodes(data=True)) == list(expected.nodes(data=True))
    assert list(g.edges(keys=True, data=True)) == list(expected.edges(keys=True, data=True))
    assert g.number_of_nodes() == len(data["nodes"]) > 10
    assert g.number_of_edges() == len(data["edges"]) > 10


def test_networkx_is_imported_only_when_asked_for():
    code = "import sys, kg; assert 'networkx' not in sys.modules, 'imported by kg'"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_stubs_name_what_the_module_has():
    """The stubs declare every public name of the native module and of
    `Graph`, and nothing it lacks."""
    import ast

    stub = ast.parse((Path(kg.__file__).parent / "_kg.pyi").read_text(encoding="utf-8"))
    top = {n.name for n in stub.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
    top |= {t.id for n in stub.body if isinstance(n, ast.AnnAssign) for t in [n.target]}
    native = {n for n in dir(kg._kg) if not n.startswith("_")} | {"__version__"}
    assert native <= top, native - top
    (cls,) = [n for n in stub.body if isinstance(n, ast.ClassDef) and n.name == "Graph"]
    methods = {n.name for n in cls.body if isinstance(n, ast.FunctionDef)}
    public = {n for n in dir(kg._kg.Graph) if not n.startswith("__")} | {"__init__", "__repr__"}
    assert methods == public
    assert (Path(kg.__file__).parent / "py.typed").is_file()


def readme_example():
    """The README's Python example and the output it shows."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Python\n", 1)[1].split("\n## ", 1)[0]
    m = re.search(r"```python\n(.*?)```\s*\n.*?```text\n(.*?)```", section, re.S)
    assert m, "README.md: the Python section has a ```python block then a ```text block"
    return m.group(1), m.group(2)


def test_readme_example_prints_what_readme_shows(tmp_path):
    pytest.importorskip("networkx")
    code, shown = readme_example()
    (tmp_path / "data").symlink_to(ROOT / "data")
    run("ingest", "data/articles/", cwd=tmp_path)
    p = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    assert p.stdout == shown
