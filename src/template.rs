//! Rendering of prompt templates and persona phrasings with minijinja, strict about undefined
//! variables so a typo in a data file fails at load time instead of reaching a candidate.

use minijinja::{Environment, UndefinedBehavior};
use serde::Serialize;

/// A template that failed to parse or render.
#[derive(Debug, thiserror::Error)]
#[error("{0:#}")]
pub struct TemplateError(#[from] minijinja::Error);

/// A minijinja environment set up the way every hotseat template expects.
pub fn environment<'a>() -> Environment<'a> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    let syntax = minijinja::syntax::SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .build()
        .expect("the default delimiters are valid");
    env.set_syntax(syntax);
    env
}

/// Renders a one-off template string against `ctx`.
pub fn render_str<S: Serialize>(template: &str, ctx: S) -> Result<String, TemplateError> {
    let env = environment();
    Ok(env.render_str(template, minijinja::value::Serde(ctx))?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undefined_variable_is_an_error() {
        let err = render_str("hi {{ nme }}", minijinja::context! { name => "x" }).unwrap_err();
        assert!(err.to_string().contains("undefined"), "{err}");
    }

    #[test]
    fn renders_values() {
        let s = render_str("{{ a }} minutes", minijinja::context! { a => 10 }).unwrap();
        assert_eq!(s, "10 minutes");
    }
}
