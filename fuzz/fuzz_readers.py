"""Coverage-guided fuzzing of the zone-file and YAML readers, and the rules after them.

    python fuzz/fuzz_readers.py zone fuzz/corpus/zone -dict=fuzz/zone.dict -max_total_time=600
    python fuzz/fuzz_readers.py yaml fuzz/corpus/yaml -dict=fuzz/yaml.dict -max_total_time=600
    python fuzz/fuzz_readers.py zone-files fuzz/corpus/zone -dict=fuzz/zone.dict -max_total_time=600
    python fuzz/fuzz_readers.py yaml-files fuzz/corpus/yaml -dict=fuzz/yaml.dict -max_total_time=600

The ``-files`` targets write the input as a file and, beside it, as the files it may
``$INCLUDE`` (``a.zone``, ``b.zone``) or ``!include`` (``a.yaml``), so that includes, their
loops and their bounds are fuzzed too; suppression comments are applied in every target.

Any exception that escapes is a bug: the readers must turn every input into a zone with
findings. See fuzz/README.md.
"""

import os
import sys
import tempfile

import atheris

with atheris.instrument_imports():
    import dns.name

    from mxlint.config import Config
    from mxlint.discovery import given_format
    from mxlint.formats import installed, read_path
    from mxlint.lint import lint
    from mxlint.registry import load_registry
    from mxlint.source import Source

ORIGIN = dns.name.from_text("fuzz.example.")
REGISTRY = load_registry()
CONFIG = Config()
DIRECTORY = tempfile.mkdtemp(prefix="mxlint-fuzz-")


def files_reader(top: str):  # noqa: ANN201
    def read_files(data: bytes, origin, path: str):  # noqa: ANN001, ANN202
        """The input as a file, and again as every file it may include."""
        for name in (top, "a.zone", "b.zone", "a.yaml"):
            with open(os.path.join(DIRECTORY, name), "wb") as handle:
                handle.write(data)
        return read_path(os.path.join(DIRECTORY, top), origin)

    return read_files


def given_reader(name: str):  # noqa: ANN201
    def read_given(data: bytes, origin, path: str):  # noqa: ANN001, ANN202
        """The input as standard input named ``name`` (its format chosen as for stdin)."""
        [zone] = installed().read(Source(path, given_format(name, data), origin, data))
        return zone

    return read_given


READERS = {
    "zone": given_reader("fuzz.zone"),
    "yaml": given_reader("fuzz.yaml"),
    "zone-files": files_reader("fuzz.example.zone"),
    "yaml-files": files_reader("fuzz.example.yaml"),
}


def main() -> None:
    kind = sys.argv.pop(1)
    read = READERS[kind]

    def one_input(data: bytes) -> None:
        lint([read(data, ORIGIN, "fuzz")], CONFIG, REGISTRY)

    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
