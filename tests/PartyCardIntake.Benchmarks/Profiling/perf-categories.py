#!/usr/bin/env python3
"""Where the CPU of a desk save goes, from a `perf script` dump of the benchmark process (docs/benchmarks.md,
"Submissions through the desk service"). Each sample counts once, for the innermost frame that names a part of
the save; SQLite's own frames carry no frame pointers, so its samples are told apart by the leaf symbol only.

    DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 \
      tests/PartyCardIntake.Benchmarks/bin/Release/net10.0/PartyCardIntake.Benchmarks submissions --desks 1 --duration 30 &
    perf record -F 499 -g -p <pid> -- sleep 20       # inside the measured window
    perf script > save.txt && python3 tests/PartyCardIntake.Benchmarks/Profiling/perf-categories.py save.txt
"""
import collections
import re
import sys

# Symbols of SQLite that turn SQL text into a program (sqlite3_prepare); the rest executes it.
COMPILING = re.compile(
    r"sqlite3RunParser|sqlite3GetToken|yy_|resolve|sqlite3Walk|sqlite3Select|sqlite3Expr|Prepare|sqlite3LocateTable"
    r"|findElementWithHash|sqlite3StrICmp|lookupName|sqlite3FindTable|sqlite3Parser|sqlite3VdbeMakeReady|sqlite3VdbeAdd"
    r"|sqlite3ColumnIndex|sqlite3Dequote|keywordCode|sqlite3Insert|sqlite3Update|sqlite3WhereBegin|whereLoop"
    r"|sqlite3CodeVerify|sqlite3Finish|sqlite3DbMalloc|sqlite3DbFree|sqlite3VdbeDelete|sqlite3VdbeClear"
    r"|codeEqualityTerm|sqlite3GenerateConstraintChecks|sqlite3CompleteInsertion|sqlite3OpenTable|sqlite3SrcList"
    r"|sqlite3IdList|sqlite3NameFromToken")

# Innermost match wins: async continuations run inline, so an outer frame may belong to an earlier step.
FRAMES = [
    (r"SignatureValidator|SignatureStrokes|PngStructure", "validation: signature (PNG walk and inflate, strokes JSON read and rewritten)"),
    (r"PhotoValidator|JpegStructure", "validation: photo (JPEG walk, copy, SHA-256)"),
    (r"SqliteSecureDelete", "PRAGMA secure_delete on each opened connection"),
    (r"ApplicationCounts", "progress counts upsert (interceptor)"),
    (r"SqliteWriteGate", "write gate"),
    (r"SqliteApplicationStatements|NewApplicationWriter", "the save's own statements (binding, EF type mappings)"),
    (r"VerifyAsync|PrepareMembers|RunRaw|SaveProfile", "the benchmark itself"),
    (r"SaveChanges|StateManager|ChangeDetector|ChangeTracking|CommandBatch|ModificationCommand|UpdateSqlGenerator|Update\.Internal",
     "EF Core: SaveChanges"),
    (r"EntityFrameworkCore\.Query|QueryCompiler|QueryingEnumerable|ExpressionEqualityComparer|EntityFrameworkQueryableExtensions"
     r"|CompiledQueryCache|ParameterExtractingExpressionVisitor|ExpressionTreeFuncletizer", "EF Core: queries"),
    (r"Microsoft\.EntityFrameworkCore", "EF Core: context, connections, commands"),
    (r"Microsoft\.Data\.Sqlite|SQLitePCL", "Microsoft.Data.Sqlite"),
    (r"DeskSubmission|CircuitUserHandler|AuthenticationState", "service and circuit code"),
]


def category(frames):
    leaf = frames[0]
    stack = "\n".join(frames)
    if "libe_sqlite3" in leaf:
        symbol = leaf.split()[1] if len(leaf.split()) > 1 else ""
        return "SQLite: compiling SQL text" if COMPILING.search(symbol) else "SQLite: executing (B-tree, WAL, pager)"
    if "kallsyms" in leaf:
        for pattern, name in [(r"fsync|fdatasync|ext4_sync_file|jbd2", "kernel: fsync"),
                              (r"pwrite|ext4_file_write|vfs_write", "kernel: file writes"),
                              (r"pread|vfs_read|filemap_read", "kernel: file reads")]:
            if re.search(pattern, stack):
                return name
        return "kernel: other (scheduling, faults)"
    if "libclrjit" in leaf:
        return "JIT"
    if "libcrypto" in leaf:
        return "SHA-256 (OpenSSL)"
    for frame in frames:
        for pattern, name in FRAMES:
            if re.search(pattern, frame):
                return name
    return "runtime (GC, stubs, thread pool) and libc"


def main(path):
    counts = collections.Counter()
    for sample in open(path, encoding="utf-8", errors="replace").read().split("\n\n"):
        frames = [line.strip() for line in sample.split("\n")[1:] if line.strip()]
        if frames:
            counts[category(frames)] += 1

    total = sum(counts.values())
    print(f"{total} samples")
    print("| part of the save | share of CPU samples |")
    print("|---|---:|")
    for name, n in counts.most_common():
        print(f"| {name} | {100 * n / total:.1f} % |")


if __name__ == "__main__":
    main(sys.argv[1])
