//! Loading of the project's TOML data files (personas, questions, eval cases, config) with errors
//! that name the file, the line and the cause.
//!
//! Every data file goes through [`parse_toml`], so a typo in any of them reads the same way:
//! `personas/amazon.toml:12:3: missing field `opening``.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

/// A data file that could not be read or did not parse, located to its line when the parser knows it.
#[derive(Debug, thiserror::Error)]
pub struct DataError {
    /// The file as the user would name it (a path, or `embedded:personas/google.toml`).
    pub file: String,
    /// 1-based line and column of the fault, when known.
    pub line: Option<(usize, usize)>,
    /// What is wrong, in one sentence.
    pub cause: String,
}

impl fmt::Display for DataError {
    /// One line, whatever the cause quotes: line breaks and other control characters in a value
    /// from the file are shown escaped.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let cause = one_line(&self.cause);
        match self.line {
            Some((line, col)) => write!(f, "{}:{}:{}: {cause}", self.file, line, col),
            None => write!(f, "{}: {cause}", self.file),
        }
    }
}

/// `text` on one line: control characters (line breaks included) written as escapes (`\n`).
pub fn one_line(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

impl DataError {
    /// An error about a whole file (no line known).
    pub fn whole(file: impl Into<String>, cause: impl Into<String>) -> Self {
        Self {
            file: file.into(),
            line: None,
            cause: cause.into(),
        }
    }

    /// An error at a given 1-based line.
    pub fn at_line(file: impl Into<String>, line: usize, cause: impl Into<String>) -> Self {
        Self {
            file: file.into(),
            line: Some((line, 1)),
            cause: cause.into(),
        }
    }
}

/// Parses `text` as TOML into `T`, reporting the file, line and cause on failure.
pub fn parse_toml<T: DeserializeOwned>(file: &str, text: &str) -> Result<T, DataError> {
    toml::from_str::<T>(text).map_err(|e| {
        let line = e.span().map(|span| line_col(text, span.start));
        // toml's message repeats the source snippet over several lines; keep the first sentence.
        let cause = e
            .message()
            .lines()
            .next()
            .unwrap_or("invalid TOML")
            .trim()
            .to_string();
        DataError {
            file: file.to_string(),
            line,
            cause,
        }
    })
}

/// Reads and parses a TOML file from disk.
pub fn read_toml<T: DeserializeOwned>(path: &Path) -> Result<T, DataError> {
    let text = read_text(path)?;
    parse_toml(&path.display().to_string(), &text)
}

/// Reads a data file as UTF-8 text; an error names the file and, for bad bytes, the line.
pub fn read_text(path: &Path) -> Result<String, DataError> {
    let label = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| DataError::whole(&label, e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        let at = e.utf8_error().valid_up_to();
        let line = bytes[..at].iter().filter(|b| **b == b'\n').count() + 1;
        DataError::at_line(&label, line, "not UTF-8 text (a byte that is not UTF-8)")
    })
}

/// Finds the line of a field-level validation fault, so a check that runs after parsing can still
/// point at the line where `key` is written: an assignment (`key = ...`, also inside an inline
/// table or quoted), else a table header naming it (`[key]`, `[[key]]`, `[a.key]`), else the
/// first line that mentions it. Falls back to no line.
pub fn locate_key(file: &str, text: &str, key: &str, cause: impl Into<String>) -> DataError {
    let bare = key.trim_matches(|c| c == '[' || c == ']');
    let k = regex::escape(bare);
    let patterns = [
        format!(r#"(?:^|[\s{{,.])"?{k}"?\s*="#),
        format!(r#"^\s*\[\[?\s*(?:[\w."-]+\.)?"?{k}"?\s*\]\]?"#),
        format!(r"\b{k}\b"),
    ];
    let line = patterns.iter().find_map(|p| {
        let re = regex::Regex::new(p).ok()?;
        text.lines().position(|l| re.is_match(l))
    });
    match line {
        Some(i) => DataError::at_line(file, i + 1, cause),
        None => DataError::whole(file, cause),
    }
}

/// A kind of data file kept in a [`Catalog`]: parsed from TOML, checked, known by its id.
pub trait Entry: DeserializeOwned {
    /// The embedded files of this kind, as (file name, contents), and their folder for labels.
    fn embedded() -> (&'static str, &'static [(&'static str, &'static str)]);
    /// The entry's id (equal to its file stem).
    fn id(&self) -> &str;
    /// Checks what serde cannot, naming the file and line of a fault.
    fn validate(&self, file: &str, text: &str, stem: Option<&str>) -> Result<(), DataError>;
}

/// Entries of one kind by id: the embedded ones, overridden or extended by a user's folder.
#[derive(Debug, Clone)]
pub struct Catalog<T> {
    entries: BTreeMap<String, T>,
}

impl<T> Default for Catalog<T> {
    fn default() -> Self {
        Self {
            entries: BTreeMap::new(),
        }
    }
}

impl<T: Entry> Catalog<T> {
    /// The entries embedded in the binary.
    pub fn embedded() -> Result<Self, DataError> {
        let mut all = Self::default();
        let (folder, files) = T::embedded();
        for (name, text) in files {
            let stem = name.strip_suffix(".toml");
            all.add_text(&format!("embedded:{folder}/{name}"), text, stem)?;
        }
        Ok(all)
    }

    /// The embedded entries plus those in `dir` (a user folder), which override by id.
    pub fn with_dir(dir: &Path) -> Result<Self, DataError> {
        let mut all = Self::embedded()?;
        if dir.is_dir() {
            let files = files_with_ext(dir, "toml")
                .map_err(|e| DataError::whole(dir.display().to_string(), e.to_string()))?;
            for path in files {
                all.add_file(&path)?;
            }
        }
        Ok(all)
    }

    /// Reads one file from disk and adds it.
    pub fn add_file(&mut self, path: &Path) -> Result<&T, DataError> {
        let label = path.display().to_string();
        let text =
            std::fs::read_to_string(path).map_err(|e| DataError::whole(&label, e.to_string()))?;
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .map(str::to_string);
        self.add_text(&label, &text, stem.as_deref())
    }

    /// Parses, checks and adds one entry.
    pub fn add_text(
        &mut self,
        file: &str,
        text: &str,
        stem: Option<&str>,
    ) -> Result<&T, DataError> {
        let entry: T = parse_toml(file, text)?;
        entry.validate(file, text, stem)?;
        let id = entry.id().to_string();
        self.entries.insert(id.clone(), entry);
        Ok(&self.entries[&id])
    }

    /// The entry with this id.
    pub fn get(&self, id: &str) -> Option<&T> {
        self.entries.get(id)
    }

    /// All entries, by id.
    pub fn iter(&self) -> impl Iterator<Item = &T> {
        self.entries.values()
    }

    /// How many entries there are.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// 1-based line and column of byte offset `at` in `text`.
pub fn line_col(text: &str, at: usize) -> (usize, usize) {
    let at = at.min(text.len());
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Files in `dir` whose name ends with `.{ext}`, sorted so loading order is stable.
pub fn files_with_ext(dir: &Path, ext: &str) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
    out.sort();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Sample {
        name: String,
        count: u32,
    }

    #[test]
    fn type_error_names_file_line_and_cause() {
        let text = "name = \"x\"\ncount = \"three\"\n";
        let err = parse_toml::<Sample>("f.toml", text).unwrap_err();
        assert_eq!(err.file, "f.toml");
        assert_eq!(err.line.map(|l| l.0), Some(2));
        let shown = err.to_string();
        assert!(shown.starts_with("f.toml:2:"), "{shown}");
        assert!(!shown.contains('\n'), "one line: {shown}");
    }

    #[test]
    fn missing_field_is_reported() {
        let err = parse_toml::<Sample>("f.toml", "name = \"x\"\n").unwrap_err();
        assert!(err.to_string().contains("count"), "{err}");
    }

    #[test]
    fn line_col_counts_from_one() {
        assert_eq!(line_col("ab\ncd", 0), (1, 1));
        assert_eq!(line_col("ab\ncd", 4), (2, 2));
    }
}
