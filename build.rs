//! Embeds the content folders (personas, question bank, prompt templates) in the binary, so the
//! offline default works from any directory with nothing installed beside it.

use std::fmt::Write as _;
use std::path::Path;

fn list(dir: &str, ext: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("reading {dir}: {e}"))
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(ext))
        .collect();
    names.sort();
    names
}

fn table(out: &mut String, name: &str, dir: &str, ext: &str) {
    let root = std::env::var("CARGO_MANIFEST_DIR").unwrap();
    println!("cargo:rerun-if-changed={dir}");
    writeln!(out, "/// `{dir}/*{ext}`: (file name, contents).").unwrap();
    writeln!(out, "pub const {name}: &[(&str, &str)] = &[").unwrap();
    for file in list(dir, ext) {
        let path = Path::new(&root).join(dir).join(&file);
        println!("cargo:rerun-if-changed={}", path.display());
        writeln!(
            out,
            "    ({file:?}, include_str!({:?})),",
            path.display().to_string()
        )
        .unwrap();
    }
    writeln!(out, "];").unwrap();
}

fn main() {
    let mut out = String::new();
    table(&mut out, "PERSONAS", "personas", ".toml");
    table(&mut out, "QUESTIONS", "prompts/questions", ".toml");
    table(&mut out, "PROMPTS", "prompts", ".j2");
    table(&mut out, "PROMPT_DATA", "prompts", ".toml");
    table(&mut out, "CRITIQUE", "prompts/critique", ".toml");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("embedded.rs");
    std::fs::write(dest, out).unwrap();
}
