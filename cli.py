"""coopgraph command line: a thin layer over the ``graph`` package.

Each command validates its arguments, makes one library call and prints the result.
Library errors (:class:`graph.errors.CoopgraphError`) and file-system errors become a
one-line ``Error: …`` and exit status 1.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any, Iterable, Iterator

import click

from graph import __version__
from graph.chars import one_line, shown
from graph.doclimits import DEFAULT_DOC_TIMEOUT, DEFAULT_MAX_DOC_MB, DocLimits
from graph.errors import CoopgraphError
from graph.query import FORMATS
from graph.serve import DEFAULT_MAX_ROWS as SERVE_MAX_ROWS

#: ``sorted(graph.export.EXPORTERS)``, spelt out so that starting the CLI stays fast
#: (a test keeps the two equal).
EXPORT_FORMATS = ("csv", "graphml", "jsonld", "nq", "nt", "trig", "ttl")
GRAPH_HELP = "Graph file written by 'coopgraph build' (.trig .ttl .nt .nq .jsonld)."
BOM_HELP = "Start CSV with a UTF-8 byte-order mark (Excel needs it to show Chinese)."


class _Group(click.Group):
    """Turns library and OS errors into one-line messages instead of tracebacks."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except CoopgraphError as exc:
            raise click.ClickException(one_line(str(exc))) from None
        except BrokenPipeError:  # output piped into `head`
            sys.stderr.close()
            raise click.exceptions.Exit(1) from None
        except OSError as exc:
            where = f"{shown(exc.filename)}: " if exc.filename else ""
            raise click.ClickException(f"{where}{exc.strerror or exc}") from None
        except Exception as exc:  # noqa: BLE001 - a bug; keep the user's screen clean
            if os.environ.get("COOPGRAPH_DEBUG"):
                raise
            raise click.ClickException(
                f"internal error ({type(exc).__name__}: {exc}); "
                "set COOPGRAPH_DEBUG=1 for the traceback") from None


STORE_HELP = ("Store folder written by 'coopgraph build --store' (opened, not re-parsed); "
              "without -g and --store, ./kg is used if it is a store.")
DEFAULT_STORE = Path("kg")
#: The keys of graph.export.EXPORTERS (spelt out: importing the exporters costs a second).
EXPORT_FORMATS = ("csv", "graphml", "jsonld", "nq", "nt", "trig", "ttl")


def _graph_option(func: Any) -> Any:
    func = click.option("--store", "store_dir", default=None,
                        type=click.Path(path_type=Path, file_okay=False), help=STORE_HELP)(func)
    return click.option("-g", "--graph", "graph_path", default=None,
                        type=click.Path(path_type=Path, dir_okay=False), help=GRAPH_HELP)(func)


def _graph_source(graph_path: Path | None, store_dir: Path | None) -> Path:
    """The graph to read: the -g file, the --store folder, or the default store."""
    from graph.kgstore import is_store, open_store

    if graph_path is not None and store_dir is not None:
        raise click.UsageError("give either -g FILE or --store DIR, not both")
    if graph_path is not None:
        return graph_path
    if store_dir is None:
        if not is_store(DEFAULT_STORE):
            raise click.UsageError("no graph given: use -g FILE or --store DIR "
                                   f"(or build the default store {DEFAULT_STORE}/ first)")
        store_dir = DEFAULT_STORE
    if not is_store(store_dir):
        open_store(store_dir, read_only=True)  # says why it is not a store
    return store_dir


def _open_graph(graph_path: Path | None, store_dir: Path | None) -> Any:
    """The pyoxigraph store to read: a graph file loaded in memory, or a store opened."""
    from graph.limits import open_graph

    return open_graph(_graph_source(graph_path, store_dir))


def _must_exist(paths: Iterable[Path], message: str) -> None:
    for p in paths:
        if not p.exists():
            raise click.ClickException(f"{message}: {shown(p)}")


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="coopgraph")
def main() -> None:
    """Knowledge graph of inter-regional economic cooperation in China.

    Reads Chinese articles, finds regions, parks, enterprises, infrastructure and
    institutions and the cooperation between them (function splits, co-built parks,
    enclaves, twinning, connections), and writes an RDF graph with the evidence
    sentence of every fact.

    \b
    Example:
        coopgraph build seeds/ -o out/graph.trig
        coopgraph query pairings -g out/graph.trig
        coopgraph viz -g out/graph.trig -o out/graph.html
    """


# --- build ---------------------------------------------------------------------------

def _progress(results: Iterable[Any], total: int) -> Iterator[Any]:
    from tqdm import tqdm

    yield from tqdm(results, total=total, file=sys.stderr, unit="doc", desc="Extracting",
                    dynamic_ncols=True)


def _default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in counts.items())


@main.command()
@click.argument("inputs", metavar="INPUT...", nargs=-1, required=True,
                type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Graph file to write; the extension picks the format "
                   "(.trig keeps one named graph per document; .ttl .nt .nq .jsonld).")
@click.option("--store", "store_dir", type=click.Path(path_type=Path, file_okay=False),
              default=None, help="Store folder to create or update (only new or changed "
                                 "articles are read). Without -o and --store: ./kg.")
@click.option("--force", is_flag=True, help="With a store: re-read every article.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes extracting articles in parallel "
                   "[default: the available cores]; the output is the same for any number.")
@click.option("--dask", "dask_address", default=None, metavar="ADDRESS",
              help="Extract on the Dask cluster at ADDRESS (e.g. tcp://10.0.0.5:8786) instead "
                   "of local processes; its workers must see the input files.")
@click.option("--shards", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Also write the documents read as N-Quads shards (part-00000.nq …) "
                   "into this folder, for bulk-loading into any SPARQL store.")
@click.option("--max-doc-mb", type=click.FloatRange(min=0), default=DEFAULT_MAX_DOC_MB,
              show_default=True, help="Skip (and name) a file larger than this; 0: no limit.")
@click.option("--doc-timeout", type=click.FloatRange(min=0), default=DEFAULT_DOC_TIMEOUT,
              show_default=True, help="Skip (and name) a document whose extraction takes "
                                      "more than this many CPU seconds; 0: no limit.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
def build(inputs: tuple[Path, ...], output: Path | None, store_dir: Path | None, force: bool,
          jobs: int | None, dask_address: str | None, shards: Path | None,
          max_doc_mb: float, doc_timeout: float, quiet: bool) -> None:
    """Read articles (files or folders) into a store or a graph file.

    Supported inputs are whatever the reader understands (.txt, .html, .pdf, .docx, …);
    files that cannot be read are skipped with the reason on stderr. With --store (the
    default, ./kg, when -o is not given) a re-run reads only new or changed articles;
    with -o the whole graph is written to the file (both together: the store, then the
    file from it).

    \b
    Example:
        coopgraph build seeds/ -o out/graph.trig
        coopgraph build articles/ --store kg/
        coopgraph build a.txt b.html -o graph.ttl --quiet
        coopgraph build /shared/articles --store kg/ --dask tcp://10.0.0.5:8786
        curl -s https://example.org/a.txt | coopgraph build - -o a.trig

    INPUT "-" reads one plain-text article from standard input (document id "stdin").
    """
    from graph import pipeline
    from graph.store import format_of

    if Path("-") in inputs:
        return _build_stdin(inputs, output, store_dir)
    _must_exist(inputs, "no such file or folder")
    if output is not None:
        format_of(output)  # reject an unknown extension before the slow part
    elif store_dir is None:
        store_dir = DEFAULT_STORE
    show_bar = not quiet and sys.stderr.isatty()
    bar = _progress if show_bar else None
    extra = {"dask": dask_address, "shards": shards} if dask_address or shards else {}
    extra["limits"] = DocLimits(max_doc_mb or None, doc_timeout or None)
    if store_dir is None:
        summary = pipeline.build(list(inputs), output, progress=bar, jobs=jobs or _default_jobs(),
                                 **extra)
        target = str(output)
    else:
        summary = pipeline.build_store(list(inputs), store_dir, progress=bar, force=force,
                                       jobs=jobs or _default_jobs(), output=output, **extra)
        target = f"{store_dir}" + (f" and {output}" if output else "")
    for path, reason in summary.skipped:
        click.echo(f"skipped {shown(path)}: {reason}", err=True)
    for path, message in summary.warnings:
        click.echo(f"warning {shown(path)}: {message}", err=True)
    ents = sum(summary.entities_by_category.values())
    facts = sum(summary.facts_by_relation.values())
    unchanged = f" ({summary.unchanged} unchanged)" if summary.unchanged else ""
    if not summary.documents and summary.unchanged:
        click.echo(f"nothing new: {summary.unchanged} documents unchanged in {target}")
        return
    click.echo(f"{summary.documents} documents → {ents} entities "
               f"({_counts(summary.entities_by_category)}), {facts} facts "
               f"({_counts(summary.facts_by_relation)}) → {target}{unchanged}")


def _build_stdin(inputs: tuple[Path, ...], output: Path | None, store_dir: Path | None
                 ) -> None:
    """``build - -o FILE``: the article on standard input, read as a file ``stdin.txt``
    (encoding detected like any file) in a private folder, so the graph names it the
    same way on every run."""
    import os

    from graph import pipeline
    from graph.atomic import temporary_folder
    from graph.store import format_of

    if len(inputs) > 1:
        raise click.ClickException("'-' (standard input) cannot be combined with other inputs")
    if output is None or store_dir is not None:
        raise click.ClickException("reading standard input needs -o FILE (and no --store)")
    format_of(output)
    data = sys.stdin.buffer.read()
    if not data.strip():
        raise click.ClickException("standard input is empty")
    target = output.resolve()
    here = Path.cwd()
    with temporary_folder("coopgraph-stdin-") as tmp:  # removed on SIGTERM too
        (tmp / "stdin.txt").write_bytes(data)
        os.chdir(tmp)
        try:
            summary = pipeline.build([Path("stdin.txt")], target, jobs=1)
        finally:
            os.chdir(here)
    click.echo(f"{summary.documents} documents → "
               f"{sum(summary.entities_by_category.values())} entities "
               f"({_counts(summary.entities_by_category)}), "
               f"{sum(summary.facts_by_relation.values())} facts "
               f"({_counts(summary.facts_by_relation)}) → {output}")


@main.command()
@click.argument("documents", metavar="DOC...", nargs=-1, required=True)
@click.option("--store", "store_dir", type=click.Path(path_type=Path, file_okay=False),
              default=DEFAULT_STORE, show_default=True, help="Store folder to remove from.")
def remove(documents: tuple[str, ...], store_dir: Path) -> None:
    """Remove documents (by id -- the file name without extension -- or path) from a store.

    Each document's graph goes, and so do the entities and shortcuts no other document
    states.

    \b
    Example:
        coopgraph remove 000_589413ce398e9b44 --store kg/
    """
    from graph.pipeline import remove as run_remove

    for doc_id in run_remove(store_dir, list(documents)):
        click.echo(f"removed {doc_id}")


# --- query ---------------------------------------------------------------------------

def _parse_params(values: tuple[str, ...]) -> dict[str, str]:
    params = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"expected NAME=VALUE, got {item!r}", param_hint="--param")
        params[name.strip()] = value
    return params


def _print_queries() -> None:
    from graph.query import named_queries

    queries = named_queries()
    width = max(len(n) for n in queries)
    for q in queries.values():
        click.echo(f"{q.name:{width}}  {q.description}")
        for p, desc in q.params.items():
            need = "required" if p in q.required else "optional"
            click.echo(f"{'':{width}}    --param {p}=…  {desc} ({need})")


def _limit_options(func: Any) -> Any:
    """--limit/--offset paging and the time, row and memory limits of a query."""
    from graph.limits import DEFAULT_MAX_MEMORY_MB, DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT

    for option in reversed([
        click.option("--limit", type=click.IntRange(min=0), default=None,
                     help="Return at most N rows (a page; with --offset). Default: "
                          "every row, but a table shows the first 100 (see --all)."),
        click.option("--all", "all_rows", is_flag=True,
                     help="A table shows every row, not the first 100."),
        click.option("--offset", type=click.IntRange(min=0), default=0,
                     help="Skip the first M rows."),
        click.option("--timeout", type=click.FloatRange(min=0, min_open=True),
                     default=DEFAULT_TIMEOUT, show_default=True,
                     help="Stop the query after this many seconds."),
        click.option("--max-rows", type=click.IntRange(min=1), default=DEFAULT_MAX_ROWS,
                     show_default=True, help="Refuse results longer than this (page them "
                                             "with --limit/--offset)."),
        click.option("--max-memory", type=click.IntRange(min=64),
                     default=DEFAULT_MAX_MEMORY_MB, show_default=True,
                     help="Memory the query may use, in MiB."),
        click.option("--allow-network", is_flag=True,
                     help="Let SERVICE clauses call remote endpoints (off: a query never "
                          "touches the network)."),
        click.option("--endpoint", metavar="URL",
                     help="Run on a SPARQL endpoint (e.g. 'coopgraph serve': "
                          "http://127.0.0.1:7878/query) instead of a local graph."),
    ]):
        func = option(func)
    return func


@main.command()
@click.argument("query", metavar="NAME_OR_SPARQL", required=False)
@_graph_option
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="table",
              show_default=True, help="table (aligned text), csv or json "
                                      "(SPARQL 1.1 query results).")
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind a query variable (repeatable); <…> makes an IRI, "
                   "anything else a string.")
@click.option("--list", "list_", is_flag=True, help="List the named queries and exit.")
@click.option("--bom/--no-bom", default=True, show_default=True, help=BOM_HELP)
@_limit_options
@click.pass_context
def query(ctx: click.Context, query: str | None, graph_path: Path | None,
          store_dir: Path | None, fmt: str, params: tuple[str, ...], list_: bool,
          bom: bool, **opts: Any) -> None:
    """Run a named query, a .rq file or a SPARQL string on a graph.

    The default graph is the union of all graphs; the prefixes cg: id: skos: prov:
    dcterms: rdfs: xsd: wgs84: geo: are predeclared. Queries are read-only and local:
    SERVICE, and FROM of anything but the graph's own graphs, are refused.

    \b
    Example:
        coopgraph query pairings -g out/graph.trig
        coopgraph query region-partners -g out/graph.trig --param region=金湾区
        coopgraph query 'SELECT (COUNT(*) AS ?n) WHERE { ?s a cg:Park }' -g out/graph.trig
        coopgraph query entities -g out/graph.trig --format json --limit 100 --offset 200
        coopgraph query entities --store kg/ --offset 100   # a table's second page
        coopgraph query twinning --endpoint http://127.0.0.1:7878/query
    """
    from graph.query import DEFAULT_PAGE, format_results

    if list_:
        _print_queries()
        return
    if not query:
        raise click.UsageError("missing NAME_OR_SPARQL (or use --list)", ctx=ctx)
    bindings = _parse_params(params)
    page = {"limit": opts["limit"], "offset": opts["offset"]}
    preview = fmt == "table" and page["limit"] is None and not opts["all_rows"]
    if preview:  # one row more than shown: says whether there is a next page
        page["limit"] = DEFAULT_PAGE + 1
    if opts["endpoint"]:
        from graph.remote import query_endpoint

        result = query_endpoint(opts["endpoint"], query, bindings, **page,
                                max_rows=opts["max_rows"], timeout=opts["timeout"])
    else:
        from graph.limits import Limits, run_limited

        limits = Limits(opts["timeout"], opts["max_rows"], opts["max_memory"])
        result = run_limited(_graph_source(graph_path, store_dir), query, bindings,
                             limits=limits, **page, allow_network=opts["allow_network"])
    more = preview and result.kind != "ask" and len(result.rows) > DEFAULT_PAGE
    if more:
        del result.rows[DEFAULT_PAGE:]
    click.echo(format_results(result, fmt, bom=bom), nl=False)
    if more:
        click.echo(f"({DEFAULT_PAGE} rows shown: --offset {opts['offset'] + DEFAULT_PAGE} "
                   "for the next page, --all for every row)", err=True)


@main.command()
def queries() -> None:
    """List the named queries with a one-line description each.

    \b
    Example:
        coopgraph queries
    """
    _print_queries()


# --- serve / push --------------------------------------------------------------------

@main.command()
@_graph_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (keep 127.0.0.1 unless others must reach it).")
@click.option("--port", type=click.IntRange(1, 65535), default=7878, show_default=True)
@click.option("--timeout", type=click.FloatRange(min=1), default=60.0, show_default=True,
              help="Seconds a query may run.")
@click.option("--max-rows", type=click.IntRange(min=0), default=SERVE_MAX_ROWS,
              show_default=True,
              help="Cut a query's answer at N rows (SELECT solutions, CONSTRUCT/DESCRIBE "
                   "triples; headers say so); 0: no limit.")
def serve(graph_path: Path | None, store_dir: Path | None, host: str, port: int,
          timeout: float, max_rows: int) -> None:
    """Serve the graph as a read-only SPARQL 1.1 endpoint (the Oxigraph server).

    GET/POST http://HOST:PORT/query or /sparql (SPARQL 1.1 Protocol; JSON, XML, CSV or
    TSV results by Accept header); the default graph holds every document's facts. Named
    queries are answered from the store's summary: by name at /named/NAME?region=…&limit=…
    (GET /named lists them), or sent as text with:
    coopgraph query NAME --endpoint http://HOST:PORT/query

    An answer longer than --max-rows rows is cut there, with the headers
    X-Coopgraph-Truncated: true and X-Coopgraph-Max-Rows: N (page it with LIMIT/OFFSET);
    ASK answers are never cut.

    \b
    Example:
        coopgraph serve -g out/graph.trig
        coopgraph serve --store kg/ --port 8000 --timeout 30 --max-rows 50000
    """
    from graph.serve import start_endpoint, store_folder

    source = _graph_source(graph_path, store_dir)
    with store_folder(source) as location:
        endpoint = start_endpoint(location, host=host, port=port, timeout=timeout,
                                  max_rows=max_rows, quiet=False)
        click.echo(f"SPARQL endpoint: {endpoint.url} (also {endpoint.sparql_url}; named "
                   f"queries at {endpoint.named_url}; Ctrl-C stops it)", err=True)
        try:
            endpoint.wait()
        except KeyboardInterrupt:
            pass
        finally:
            endpoint.stop()


@main.command()
@_graph_option
@click.option("--endpoint", required=True, metavar="URL",
              help="Graph Store Protocol URL, e.g. http://127.0.0.1:7878/store (Oxigraph), "
                   "http://localhost:3030/ds/data (Fuseki).")
@click.option("--method", type=click.Choice(["PUT", "POST"], case_sensitive=False),
              default="PUT", show_default=True,
              help="PUT replaces each graph on the server, POST adds to it.")
def push(graph_path: Path | None, store_dir: Path | None, endpoint: str, method: str) -> None:
    """Copy the graph into a SPARQL Graph Store Protocol server, graph by graph.

    \b
    Example:
        coopgraph push -g out/graph.trig --endpoint http://127.0.0.1:7878/store
    """
    from graph.push import push as run_push

    summary = run_push(_open_graph(graph_path, store_dir), endpoint, method=method)
    click.echo(f"pushed {summary.graphs} graphs, {summary.quads} quads → {endpoint}")


# --- export / viz --------------------------------------------------------------------

@main.command()
@_graph_option
@click.option("-f", "--format", "fmt", required=True, type=click.Choice(EXPORT_FORMATS),
              help="RDF (ttl trig nt nq jsonld), graphml (Gephi) or csv "
                   "(OUT is a folder: nodes.csv + edges.csv).")
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path),
              help="File to write (a folder for csv).")
@click.option("--bom/--no-bom", default=True, show_default=True, help=BOM_HELP)
def export(graph_path: Path | None, store_dir: Path | None, fmt: str, output: Path,
           bom: bool) -> None:
    """Export a graph as RDF, GraphML or CSV tables.

    \b
    Example:
        coopgraph export -g out/graph.trig -f graphml -o out/graph.graphml
        coopgraph export -g out/graph.trig -f csv -o out/tables
        coopgraph export -g out/graph.trig -f jsonld -o out/graph.jsonld
    """
    from graph.export import export_store

    for path in export_store(_open_graph(graph_path, store_dir), fmt, output, bom=bom):
        click.echo(f"wrote {shown(path)}")


@main.command()
@_graph_option
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path, dir_okay=False),
              help="HTML file to write (works offline).")
@click.option("--layout", type=click.Choice(["force", "geo"]), default="force",
              show_default=True, help="force: computed layout; geo: regions at their "
                                      "coordinates.")
@click.option("--level", default=None, help="Fold regions below this level into their "
                                            "ancestor, e.g. city.")
@click.option("--focus", default=None, metavar="NAME",
              help="Show only the neighbourhood of this entity.")
@click.option("--depth", type=click.IntRange(min=0), default=1, show_default=True,
              help="Neighbourhood radius for --focus.")
@click.option("--lang", type=click.Choice(["zh", "pinyin", "en"]), default="zh",
              show_default=True, help="Language of the node labels.")
def viz(graph_path: Path | None, store_dir: Path | None, output: Path, layout: str, level: str | None, focus: str | None,
        depth: int, lang: str) -> None:
    """Draw the graph as an interactive HTML page.

    \b
    Example:
        coopgraph viz -g out/graph.trig -o out/graph.html
        coopgraph viz -g out/graph.trig -o out/geo.html --layout geo --level city
        coopgraph viz -g out/graph.trig -o out/jinwan.html --focus 金湾区 --depth 2
    """
    from graph.netx import to_networkx
    from graph.viz import write_html

    write_html(to_networkx(_open_graph(graph_path, store_dir)), output, layout=layout, level=level, focus=focus,
               depth=depth, lang=lang)
    click.echo(f"wrote {output}")


# --- eval / explain ------------------------------------------------------------------

@main.command("eval")
@click.option("--gold", required=True, type=click.Path(path_type=Path, file_okay=False),
              help="Folder of gold *.yaml annotations.")
@click.option("--docs", required=True, type=click.Path(path_type=Path, file_okay=False),
              help="Folder of *.txt articles.")
@click.option("--show", type=click.IntRange(min=0), default=5, show_default=True,
              help="Missed/spurious rows to list per query.")
@click.option("--json", "as_json", is_flag=True, help="Print the full report as JSON.")
def eval_(gold: Path, docs: Path, show: int, as_json: bool) -> None:
    """Score the extraction against gold annotations (P/R/F1 per named query).

    \b
    Example:
        coopgraph eval --gold ../shared/gold/seeds --docs seeds
        coopgraph eval --gold gold/ --docs articles/ --show 20
    """
    from graph.evaluate import evaluate, format_report

    _must_exist([gold], "gold folder not found")
    _must_exist([docs], "docs folder not found")
    report = evaluate(gold, docs)
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        click.echo(format_report(report, show=show), nl=False)


@main.command()
@click.argument("name", metavar="NAME_OR_IRI")
@_graph_option
def explain(name: str, graph_path: Path | None, store_dir: Path | None) -> None:
    """Show what the graph knows about an entity or a fact, with the evidence.

    NAME_OR_IRI is a label (金湾区), an alternative label (金湾), an entity IRI or a fact
    IRI (as printed by this command or by the facts-by-document query).

    \b
    Example:
        coopgraph explain 金湾区 -g out/graph.trig
        coopgraph explain id:fact/pairing/0123456789abcdef -g out/graph.trig
    """
    from graph.explain import explain as run_explain

    click.echo(run_explain(_open_graph(graph_path, store_dir), name), nl=False)


if __name__ == "__main__":  # pragma: no cover
    main()
