//! The layers of `src/` only point down (docs/architecture.md): a module may use the modules of
//! its own layer and of the layers below it, never one above. Read from the source itself, so a
//! new upward `use` fails here, naming the file and the module it reached for.

use std::path::Path;

/// The top-level modules of the library, from the highest layer (0) down.
const LAYERS: &[&[&str]] = &[
    &["cmd"],
    &["pipeline"],
    &["cli"],
    &["render", "input", "output"],
    &["domain"],
    &["engine", "sheet", "names"],
    &["model", "rubric", "stats", "text", "lang"],
];

fn layer(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

/// Every `crate::name` a file's code (not its comments, not its tests) refers to.
fn uses(source: &str) -> Vec<String> {
    let code = source.split("#[cfg(test)]").next().unwrap_or("");
    let mut found = Vec::new();
    for line in code.lines() {
        let line = line.trim_start();
        if line.starts_with("//") {
            continue;
        }
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            found.push(name);
        }
    }
    found
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_module_uses_only_its_own_layer_and_those_below() {
    let src = super::root().join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut upward = Vec::new();
    let mut placed = 0;
    for file in &files {
        let relative = file.strip_prefix(&src).unwrap();
        let top = relative.iter().next().unwrap().to_string_lossy();
        let top = top.trim_end_matches(".rs");
        let Some(own) = layer(top) else { continue };
        placed += 1;
        let source = std::fs::read_to_string(file).unwrap();
        for used in uses(&source) {
            if let Some(theirs) = layer(&used)
                && theirs < own
            {
                upward.push(format!("{}: uses crate::{used}", relative.display()));
            }
        }
    }
    upward.dedup();
    assert!(placed > 40, "only {placed} files were checked");
    assert!(upward.is_empty(), "upward uses:\n{}", upward.join("\n"));
}

#[test]
fn the_check_sees_an_upward_use() {
    let source =
        "use crate::render::Format;\n// crate::cmd in a comment\n#[cfg(test)]\nuse crate::cmd;";
    assert_eq!(uses(source), vec!["render".to_string()]);
    assert!(layer("render") < layer("domain"));
}

/// The commands a command file reaches into: `super::compare::…` or `crate::cmd::compare::…`
/// (its own module's shared items, `super::Outcome`, are not another command).
fn commands_used(source: &str, commands: &[String]) -> Vec<String> {
    let code = source.split("#[cfg(test)]").next().unwrap_or("");
    let mut found = Vec::new();
    for line in code.lines().map(str::trim_start) {
        if line.starts_with("//") {
            continue;
        }
        for prefix in ["super::", "crate::cmd::"] {
            let mut rest = line;
            while let Some(at) = rest.find(prefix) {
                rest = &rest[at + prefix.len()..];
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if commands.contains(&name) && rest[name.len()..].starts_with("::") {
                    found.push(name);
                }
            }
        }
    }
    found
}

#[test]
fn no_command_uses_another_command() {
    let dir = super::root().join("src/cmd");
    let mut files = Vec::new();
    rust_files(&dir, &mut files);
    let commands: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .filter(|name| name != "mod")
        .collect();
    assert!(commands.contains(&"report".to_string()), "{commands:?}");
    let mut crossing = Vec::new();
    for file in &files {
        let relative = file.strip_prefix(&dir).unwrap();
        let own = relative.iter().next().unwrap().to_string_lossy();
        let own = own.trim_end_matches(".rs").to_string();
        let source = std::fs::read_to_string(file).unwrap();
        for used in commands_used(&source, &commands) {
            if used != own {
                crossing.push(format!(
                    "src/cmd/{}: uses command `{used}`",
                    relative.display()
                ));
            }
        }
    }
    assert!(
        crossing.is_empty(),
        "commands using commands:\n{}",
        crossing.join("\n")
    );
}

#[test]
fn the_check_sees_a_command_using_another() {
    let commands = vec!["compare".to_string(), "score".to_string()];
    let source = "use super::Outcome;\nlet x = super::compare::explain(e);\n// super::score::x\n";
    assert_eq!(
        commands_used(source, &commands),
        vec!["compare".to_string()]
    );
}
