//! `--set key=value` overrides (ARCHITECTURE.md, "CLI and file contracts"): a dotted path into the
//! parsed preset table (`runs.0.lr`, `problem.noise`, `view.x`), numbers in the path index
//! arrays, and the value is read as a TOML value; a bare word that is not a number, boolean
//! or array is taken as a string (`--set runs.0.optimizer=adam`).
//!
//! Overrides only edit the table; whether the result is a valid preset is decided afterwards
//! by the same deserialisation and validation as a file, so `--set` can never produce an
//! experiment that a file could not.

use toml::{Table, Value};

use super::PresetError;

/// Applies one `key=value` argument to `table`.
pub(super) fn apply(table: &mut Table, arg: &str) -> Result<(), PresetError> {
    let fail = |message: String| PresetError::Override {
        arg: arg.to_string(),
        message,
    };
    let Some((key, raw)) = arg.split_once('=') else {
        return Err(fail(
            "expected KEY=VALUE, e.g. runs.0.lr=0.01 or view.x=[-3,3]".into(),
        ));
    };
    let segments: Vec<&str> = key.trim().split('.').map(str::trim).collect();
    if segments.iter().any(|s| s.is_empty()) {
        return Err(fail(format!(
            "`{key}` is not a dotted key (like problem.noise or runs.0.lr)"
        )));
    }
    let value = parse_value(raw).map_err(fail)?;
    let mut root = Value::Table(std::mem::take(table));
    let result = set_path(&mut root, &segments, value);
    if let Value::Table(t) = root {
        *table = t;
    }
    result.map_err(fail)
}

/// Reads `raw` as a TOML value; a bare word that is not one becomes a string.
fn parse_value(raw: &str) -> Result<Value, String> {
    let raw = raw.trim();
    if let Ok(mut doc) = format!("value = {raw}").parse::<Table>()
        && doc.len() == 1
        && let Some(value) = doc.remove("value")
    {
        return Ok(value);
    }
    if raw.starts_with(['[', '{', '"', '\'']) {
        return Err(format!("`{raw}` is not a valid TOML value"));
    }
    Ok(Value::String(raw.to_string()))
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::String(_) => "string",
        Value::Integer(_) => "integer",
        Value::Float(_) => "float",
        Value::Boolean(_) => "boolean",
        Value::Datetime(_) => "datetime",
        Value::Array(_) => "array",
        Value::Table(_) => "table",
    }
}

fn index(seg: &str, path: &str, len: usize) -> Result<usize, String> {
    seg.parse::<usize>().map_err(|_| {
        format!("`{path}` is an array with {len} entries: index it with a number, not `{seg}`")
    })
}

/// Sets `segments` under `node` to `value`, creating missing tables (and arrays, when the
/// next segment is a number). An index one past the end of an array of tables appends an
/// entry, so `--set runs.2.optimizer=adam` adds a third run.
fn set_path(node: &mut Value, segments: &[&str], value: Value) -> Result<(), String> {
    let mut current = node;
    let mut path = String::new();
    for (depth, seg) in segments.iter().enumerate() {
        let last = depth + 1 == segments.len();
        let parent = path.clone();
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(seg);
        let fresh = || match segments.get(depth + 1) {
            Some(next) if next.parse::<usize>().is_ok() => Value::Array(Vec::new()),
            _ => Value::Table(Table::new()),
        };
        current = match current {
            Value::Table(t) => {
                if last {
                    t.insert((*seg).to_string(), value);
                    return Ok(());
                }
                t.entry((*seg).to_string()).or_insert_with(fresh)
            }
            Value::Array(items) => {
                let len = items.len();
                let i = index(seg, &parent, len)?;
                let tables = items.iter().all(Value::is_table);
                if i == len && tables && !last {
                    items.push(Value::Table(Table::new()));
                } else if i >= len {
                    return Err(format!(
                        "`{parent}` has {len} entries (indices 0..{len}); `{path}` is out of range"
                    ));
                }
                if last {
                    items[i] = value;
                    return Ok(());
                }
                &mut items[i]
            }
            other => {
                return Err(format!(
                    "`{parent}` is a {}, not a table, so `{path}` cannot be set",
                    type_name(other)
                ));
            }
        };
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> Table {
        text.parse().expect("test TOML")
    }

    #[test]
    fn values_are_toml_or_bare_strings() {
        assert_eq!(parse_value("0.5"), Ok(Value::Float(0.5)));
        assert_eq!(parse_value("3"), Ok(Value::Integer(3)));
        assert_eq!(parse_value("true"), Ok(Value::Boolean(true)));
        assert_eq!(
            parse_value("[-3, 3]"),
            Ok(Value::Array(vec![Value::Integer(-3), Value::Integer(3)]))
        );
        assert_eq!(parse_value("adam"), Ok(Value::String("adam".into())));
        assert_eq!(
            parse_value("My preset"),
            Ok(Value::String("My preset".into()))
        );
        assert!(parse_value("[1,").is_err());
    }

    #[test]
    fn dotted_paths_reach_runs_and_create_sections() {
        let mut t = table("name = 'a'\n[[runs]]\noptimizer = 'sgd'\nlr = 0.1\n");
        apply(&mut t, "runs.0.lr=0.5").expect("lr");
        apply(&mut t, "view.x=[-3,3]").expect("view");
        apply(&mut t, "runs.1.optimizer=adam").expect("append");
        assert_eq!(t["runs"][0]["lr"].as_float(), Some(0.5));
        assert_eq!(t["view"]["x"][0].as_integer(), Some(-3));
        assert_eq!(t["runs"][1]["optimizer"].as_str(), Some("adam"));
    }

    #[test]
    fn bad_paths_are_errors() {
        let mut t = table("name = 'a'\n[[runs]]\noptimizer = 'sgd'\n");
        assert!(apply(&mut t, "runs.5.lr=0.5").is_err());
        assert!(apply(&mut t, "runs.x.lr=0.5").is_err());
        assert!(apply(&mut t, "name.x=1").is_err());
        assert!(apply(&mut t, "no_equals_sign").is_err());
        assert!(apply(&mut t, "a..b=1").is_err());
        // A failed override leaves the table as it was.
        assert_eq!(t["name"].as_str(), Some("a"));
    }
}
