//! JUnit XML for CI test tabs: one test suite per case, one test case per assertion, run errors
//! as `<error>`, baseline regressions as failures of their own.

use std::fmt::Write as _;

use super::super::baseline::Comparison;
use super::super::result::SuiteResult;
use super::kn;

/// Escapes text for XML attributes and content.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 cannot carry most control characters, even escaped.
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\t' | '\r') => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The JUnit XML document.
pub fn junit(suite: &SuiteResult, cmp: Option<&Comparison>) -> String {
    let mut body = String::new();
    let (mut tests, mut failures, mut errors) = (0, 0, 0);
    for c in &suite.cases {
        let regressions: Vec<_> = cmp.map_or(Vec::new(), |cmp| {
            cmp.regressions.iter().filter(|r| r.case == c.id).collect()
        });
        let c_failures = c.assertions.iter().filter(|a| !a.passed).count() + regressions.len();
        let c_errors = usize::from(!c.errors.is_empty());
        let c_tests = c.assertions.len() + regressions.len() + c_errors;
        tests += c_tests;
        failures += c_failures;
        errors += c_errors;
        let _ = writeln!(
            body,
            "  <testsuite name=\"{}\" tests=\"{c_tests}\" failures=\"{c_failures}\" errors=\"{c_errors}\" file=\"{}\">",
            esc(&c.id),
            esc(&c.file)
        );
        let class = format!("hotseat.eval.{}", c.id);
        if !c.errors.is_empty() {
            let _ = writeln!(
                body,
                "    <testcase classname=\"{}\" name=\"runs\">\n      <error message=\"{}\">{}</error>\n    </testcase>",
                esc(&class),
                esc(&c.errors[0]),
                esc(&c.errors.join("\n"))
            );
        }
        for a in &c.assertions {
            let _ = write!(
                body,
                "    <testcase classname=\"{}\" name=\"{}\">",
                esc(&class),
                esc(&a.name)
            );
            if !a.passed {
                let message = format!(
                    "{} passed; 95% lower bound {:.2} < min {:.2}",
                    kn(a.rate),
                    a.lower,
                    a.min_pass_rate
                );
                let detail: Vec<String> = a
                    .failures
                    .iter()
                    .map(|f| format!("run {} (seed {}): {}", f.repeat, f.seed, f.detail))
                    .collect();
                let _ = write!(
                    body,
                    "\n      <failure type=\"{}\" message=\"{}\">{}</failure>\n    ",
                    a.check,
                    esc(&message),
                    esc(&detail.join("\n"))
                );
            }
            let _ = writeln!(body, "</testcase>");
        }
        for r in regressions {
            let message = format!(
                "dropped from {} to {} against the baseline (p = {:.3})",
                kn(r.before),
                kn(r.after),
                r.p
            );
            let _ = writeln!(
                body,
                "    <testcase classname=\"{}\" name=\"baseline: {}\">\n      <failure type=\"regression\" message=\"{}\"/>\n    </testcase>",
                esc(&class),
                esc(&r.assertion),
                esc(&message)
            );
        }
        let _ = writeln!(body, "  </testsuite>");
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"hotseat eval\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\">\n{body}</testsuites>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::esc;

    #[test]
    fn escapes_markup_and_control_characters() {
        assert_eq!(esc("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot; ");
    }
}
