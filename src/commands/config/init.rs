//! `nxcdp config init`: the region and the credentials, each answer checked as it is given. On a
//! terminal a wrong answer is asked again; piped answers that are wrong or missing stop it before
//! anything is written. No message quotes an answer: one line off, it would be the secret.

use crate::config::{key_name, region_names, ConfigKey, Profile};
use crate::error::{masked_url, Error};
use crate::region::Region;
use std::io::{BufRead, IsTerminal};

/// What `init` asks, in this order; `None` is the region or a base URL. The order is the one
/// [`super::INIT_ANSWERS`] tells.
const QUESTIONS: [Option<ConfigKey>; 5] = [
    None,
    Some(ConfigKey::AccessKey),
    Some(ConfigKey::AccessSecret),
    Some(ConfigKey::TenantId),
    Some(ConfigKey::AppKey),
];

/// Where the answers come from.
trait Answers {
    /// The next answer; `None` when the input has ended.
    fn next(&mut self, prompt: &str, secret: bool) -> Result<Option<String>, Error>;
    /// Whether a wrong answer is asked again (a person at a terminal).
    fn asks_again(&self) -> bool;
}

/// A person at a terminal: prompts on stderr, the secret without echo.
struct Person(std::io::StdinLock<'static>);

impl Answers for Person {
    fn next(&mut self, prompt: &str, secret: bool) -> Result<Option<String>, Error> {
        if secret {
            return match rpassword::prompt_password(prompt) {
                Ok(answer) => Ok(Some(answer)),
                Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => Ok(None),
                Err(e) => Err(Error::Usage(format!("cannot read the secret: {e}"))),
            };
        }
        eprint!("{prompt}");
        read_line(&mut self.0)
    }

    fn asks_again(&self) -> bool {
        true
    }
}

/// Lines piped in, one per answer.
struct Piped<R>(R);

impl<R: BufRead> Answers for Piped<R> {
    fn next(&mut self, _prompt: &str, _secret: bool) -> Result<Option<String>, Error> {
        read_line(&mut self.0)
    }

    fn asks_again(&self) -> bool {
        false
    }
}

fn read_line(input: &mut impl BufRead) -> Result<Option<String>, Error> {
    let mut line = String::new();
    match input.read_line(&mut line) {
        Ok(0) => Ok(None),
        Ok(_) => Ok(Some(line.trim_end_matches(['\r', '\n']).to_string())),
        Err(e) => Err(Error::Usage(format!("cannot read the answers: {e}"))),
    }
}

/// Asks for every answer on stdin, changing PROFILE only when all of them are right.
pub fn ask(profile: &mut Profile) -> Result<(), Error> {
    let stdin = std::io::stdin();
    let mut answered = profile.clone();
    match stdin.is_terminal() {
        true => answer_all(&mut answered, &mut Person(stdin.lock())),
        false => answer_all(&mut answered, &mut Piped(stdin.lock())),
    }?;
    *profile = answered;
    Ok(())
}

fn answer_all(profile: &mut Profile, answers: &mut dyn Answers) -> Result<(), Error> {
    for (i, question) in QUESTIONS.into_iter().enumerate() {
        let name = question.map_or("region", key_name);
        loop {
            let secret = question == Some(ConfigKey::AccessSecret);
            let Some(answer) = answers.next(&prompt(question, profile), secret)? else {
                return Err(Error::Usage(format!(
                    "config init: answer {} ({name}) is missing; nothing was written\n\
                     hint: `nxcdp config init --help` lists the answers in their order",
                    i + 1
                )));
            };
            match apply(question, answer.trim(), &answer, profile) {
                Ok(()) => break,
                Err(why) if answers.asks_again() => crate::say!("{why}; try again"),
                Err(why) => {
                    return Err(Error::Usage(format!(
                        "config init: answer {} ({name}): {why}; nothing was written",
                        i + 1
                    )))
                }
            }
        }
    }
    Ok(())
}

/// `access_key [fme2na3kdi3ki]: `: the key and what an empty answer keeps.
fn prompt(question: Option<ConfigKey>, profile: &Profile) -> String {
    let Some(key) = question else {
        let current = match (&profile.base_url, &profile.region) {
            (Some(url), _) => masked_url(url).into_owned(),
            (None, Some(region)) => region.clone(),
            (None, None) => Region::Default.name().to_string(),
        };
        return format!("region ({}) or a base URL [{current}]: ", region_names());
    };
    let current = match (key, profile.get(key)) {
        (_, None) => String::new(),
        (ConfigKey::AccessSecret, Some(_)) => " [keep]".to_string(),
        (_, Some(value)) => format!(" [{value}]"),
    };
    format!("{}{current}: ", key_name(key))
}

/// One answer: an empty one keeps the current value (the region: default).
fn apply(
    question: Option<ConfigKey>,
    answer: &str,
    raw: &str,
    profile: &mut Profile,
) -> Result<(), String> {
    let Some(key) = question else {
        if answer.is_empty() {
            if profile.base_url.is_none() && profile.region.is_none() {
                profile.region = Some(Region::Default.name().to_string());
            }
            return Ok(());
        }
        let key = match (answer.contains("://"), Region::parse(answer)) {
            (false, Ok(_)) => ConfigKey::Region,
            (true, _) => ConfigKey::BaseUrl,
            (false, Err(_)) => {
                return Err(format!(
                    "not a region ({}) nor a base URL (https://...)",
                    region_names()
                ))
            }
        };
        profile.set(key, answer).map_err(|e| e.to_string())?;
        match key {
            ConfigKey::Region => profile.base_url = None,
            _ => profile.region = None,
        }
        return Ok(());
    };
    match (answer.is_empty(), profile.get(key)) {
        (true, Some(_)) => Ok(()),
        (true, None) => Err(format!("{} is needed", key_name(key))),
        // The secret as typed: white space inside it is its own.
        (false, _) if key == ConfigKey::AccessSecret => {
            profile.set(key, raw).map_err(|e| e.to_string())
        }
        (false, _) => profile.set(key, answer).map_err(|e| e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn piped(profile: &mut Profile, text: &str) -> Result<(), Error> {
        answer_all(profile, &mut Piped(text.as_bytes()))
    }

    #[test]
    fn piped_answers_are_checked_one_by_one_and_never_quoted() {
        let mut p = Profile::default();
        piped(&mut p, "hk\nAK\nSEC\n7\napp\n").unwrap();
        assert_eq!(p.region.as_deref(), Some("hk"));
        assert_eq!(
            (p.access_secret.as_deref(), p.tenant_id),
            (Some("SEC"), Some(7))
        );
        // The answers of the issue, one line short: the key lands on the region.
        let err = piped(&mut Profile::default(), "AK\nSEC\n7\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("answer 1 (region): not a region"), "{err}");
        let err = piped(&mut Profile::default(), "\nAK\nMYSECRETVALUE\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("answer 4 (tenant_id) is missing"), "{err}");
        let err = piped(&mut Profile::default(), "\nAK\nSEC\nMYSECRETVALUE\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("answer 4 (tenant_id): tenant_id must be an integer"),
            "{err}"
        );
        assert!(!err.contains("MYSECRET"), "{err}");
    }

    #[test]
    fn an_empty_answer_keeps_the_current_value_and_a_url_replaces_the_region() {
        let mut p = Profile::default();
        piped(&mut p, "\nAK\nSEC\n7\napp\n").unwrap();
        assert_eq!(p.region.as_deref(), Some("default"));
        piped(&mut p, "http://127.0.0.1:8080\n\n\n\n\n").unwrap();
        assert_eq!(p.base_url.as_deref(), Some("http://127.0.0.1:8080"));
        assert_eq!(
            (p.region.as_deref(), p.app_key.as_deref()),
            (None, Some("app"))
        );
        let err = piped(&mut Profile::default(), "\n\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("answer 2 (access_key): access_key is needed"),
            "{err}"
        );
    }
}
