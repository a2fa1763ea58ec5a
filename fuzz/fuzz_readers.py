"""Coverage-guided fuzzing of the zone-file and YAML readers, and the rules after them.

    python fuzz/fuzz_readers.py zone fuzz/corpus/zone -max_total_time=600
    python fuzz/fuzz_readers.py yaml fuzz/corpus/yaml -max_total_time=600

Any exception that escapes is a bug: the readers must turn every input into a zone with
findings. See fuzz/README.md.
"""

import sys

import atheris

with atheris.instrument_imports():
    import dns.name

    from mxlint.config import Config
    from mxlint.lint import lint
    from mxlint.readers.yamlzone import read_yaml_bytes
    from mxlint.readers.zonefile import read_zone_bytes
    from mxlint.registry import load_registry

ORIGIN = dns.name.from_text("fuzz.example.")
REGISTRY = load_registry()
CONFIG = Config()
READERS = {"zone": read_zone_bytes, "yaml": read_yaml_bytes}


def main() -> None:
    kind = sys.argv.pop(1)
    read = READERS[kind]

    def one_input(data: bytes) -> None:
        lint([read(data, ORIGIN, "fuzz")], CONFIG, REGISTRY)

    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
