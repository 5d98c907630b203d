//! Compiles the normalized sample documents (`samples/*.json`) into the binary, so that `strata`
//! with no arguments works from any folder.

use std::{env, fs, path::Path};

fn main() {
    let dir = Path::new(&env::var("CARGO_MANIFEST_DIR").unwrap()).join("samples");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut names: Vec<_> = fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "json")).collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut out = String::from(
        "/// Bundled sample documents: (file name, JSON text).\npub const BUNDLED: &[(&str, &str)] = &[\n",
    );
    for p in &names {
        println!("cargo:rerun-if-changed={}", p.display());
        out.push_str(&format!(
            "    ({:?}, include_str!({:?})),\n",
            p.file_name().unwrap().to_string_lossy(),
            p.display().to_string()
        ));
    }
    out.push_str("];\n");
    fs::write(Path::new(&env::var("OUT_DIR").unwrap()).join("samples.rs"), out).unwrap();
    normalizer_hash();
    link_options();
}

/// How the `strata` binary is linked on Linux with glibc, to start faster (README, "Diff", speed).
/// Its start-up relocations are packed (`DT_RELR`, glibc 2.36 and later; GNU ld 2.38+ and LLD take
/// the option): a few kilobytes of relocation records read at each start instead of the 316 KiB
/// of 13,000 `R_X86_64_RELATIVE` entries. The unwinder is gcc's static one ([`static_unwinder`]),
/// and the binary is a static position-independent executable when glibc's static libraries are
/// there ([`static_pie`]).
fn link_options() {
    let var = |k| env::var(k).unwrap_or_default();
    if var("CARGO_CFG_TARGET_OS") == "linux" && var("CARGO_CFG_TARGET_ENV") == "gnu" {
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
        static_unwinder();
        static_pie();
    }
}

/// The unwinder is linked in from gcc's static `libgcc_eh.a` (as a `+crt-static` build links it)
/// instead of loading `libgcc_s.so.1` at every start: one shared library fewer to map, relocate
/// and bind, and no run of its constructor, whose CPU probes (`cpuid`) trap to the hypervisor on
/// a virtual machine (README, "Diff", speed). std asks for `-lgcc_s`; a linker script of that
/// name, in a folder searched before the system's, answers with `libgcc_eh.a`. This applies to
/// the test binaries too, which stay dynamically linked to glibc.
fn static_unwinder() {
    let dir = Path::new(&env::var("OUT_DIR").unwrap()).join("unwinder");
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("libgcc_s.so"), "INPUT(-lgcc_eh)\n").unwrap();
    println!("cargo:rustc-link-search=native={}", dir.display());
}

/// The `strata` binary (not the tests, and not proc-macros, for which rustc refuses
/// `+crt-static` without an explicit `--target`) is linked as a static position-independent
/// executable: `-static-pie`, with glibc's own archives (`libc.a` and the rest, from `libc6-dev`,
/// which every Rust link on glibc already needs for its start files). No dynamic loader runs at
/// start: no shared library to find, map, relocate and bind, and glibc's CPU probes (`cpuid`,
/// which traps to the hypervisor on a virtual machine) run once, in the binary. The executable
/// still loads at a random address and relocates itself.
///
/// rustc asks for the system libraries with `-lc`, `-lm`, ...: linker scripts of those names in
/// a folder given to the binary's link only answer with the archives (`-L` options apply to every
/// `-l`, whatever their order, and come before the system's folders). Without `libc.a` or
/// `rcrt1.o` (static-pie support) the binary stays dynamically linked.
fn static_pie() {
    let find = |name: &str| {
        let out = std::process::Command::new("cc").arg(format!("-print-file-name={name}")).output().ok()?;
        let path = std::path::PathBuf::from(String::from_utf8(out.stdout).ok()?.trim());
        (path.is_absolute() && path.is_file()).then_some(path)
    };
    if find("rcrt1.o").is_none() || find("libc.a").is_none() {
        return;
    }
    let dir = Path::new(&env::var("OUT_DIR").unwrap()).join("static");
    fs::create_dir_all(&dir).unwrap();
    for lib in ["c", "m", "pthread", "dl", "rt", "util"] {
        if let Some(archive) = find(&format!("lib{lib}.a")) {
            fs::write(dir.join(format!("lib{lib}.so")), format!("INPUT({})\n", archive.display())).unwrap();
        }
    }
    println!("cargo:rustc-link-arg-bins=-static-pie");
    println!("cargo:rustc-link-arg-bins=-L{}", dir.display());
}

/// `STRATA_NORMALIZER_HASH`: FNV-1a over the reader and parser sources, so caches of normalized
/// documents are keyed by the code that made them.
fn normalizer_hash() {
    let root = Path::new(&env::var("CARGO_MANIFEST_DIR").unwrap()).join("src");
    let mut files = Vec::new();
    let mut stack = vec![root.join("normalize"), root.join("read")];
    while let Some(d) = stack.pop() {
        println!("cargo:rerun-if-changed={}", d.display());
        for e in fs::read_dir(&d).into_iter().flatten().filter_map(|e| e.ok()) {
            let p = e.path();
            if p.is_dir() { stack.push(p) } else { files.push(p) }
        }
    }
    files.sort();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for f in &files {
        for b in fs::read(f).unwrap_or_default() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    println!("cargo:rustc-env=STRATA_NORMALIZER_HASH={h:016x}");
}
