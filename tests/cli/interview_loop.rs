//! `hotseat loop`: rounds back to back, each with its own transcript.

use super::util::*;

#[test]
fn a_loop_plays_each_round_with_its_own_transcript() {
    let sb = Sandbox::new();
    let out = sb
        .cmd()
        .args([
            "loop",
            "--company",
            "meta",
            "--rounds",
            "2",
            "--offline",
            "--seed",
            "4",
        ])
        .args(["--turn-minutes", "5", "--sessions-dir"])
        .arg(sb.sessions())
        .write_stdin("What's the peak QPS?\n/end\nWhat latency do we need?\n/end\n")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let s = stdout(&out);
    assert!(
        s.contains("Round 2 of 2: scalability under a heavy AI workload"),
        "{s}"
    );
    // The debrief: each round's signal, what held across rounds, saved beside the rounds.
    assert!(
        s.contains("# Loop debrief") && s.contains("Consistent across every round"),
        "{s}"
    );
    let loop_dir = std::fs::read_dir(sb.sessions())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_str()
                .unwrap()
                .starts_with("loop-")
        })
        .expect("a loop folder");
    let debrief: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(loop_dir.join("debrief.json")).unwrap())
            .unwrap();
    assert_eq!(debrief["rounds"].as_array().unwrap().len(), 2);
    assert!(debrief["rounds"][0]["score"].is_u64());
    let mut headers: Vec<serde_json::Value> = std::fs::read_dir(sb.sessions())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("transcript.jsonl").is_file())
        .map(|p| events(&p)[0].clone())
        .collect();
    headers.sort_by_key(|h| h["loop_round"].as_u64());
    assert_eq!(headers.len(), 2);
    assert_eq!(headers[0]["loop_id"], headers[1]["loop_id"]);
    assert_eq!(headers[1]["loop_round"], 2);
    assert_ne!(headers[0]["question"], headers[1]["question"]);
}

#[test]
fn the_loop_stops_when_input_ends() {
    let sb = Sandbox::new();
    let out = sb
        .cmd()
        .args([
            "loop",
            "--company",
            "google",
            "--offline",
            "--seed",
            "1",
            "--sessions-dir",
        ])
        .arg(sb.sessions())
        .write_stdin("Who are the users?\n")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("1 of 3 rounds played"),
        "{}",
        stdout(&out)
    );
}
