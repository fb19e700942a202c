//! Database locations as people and logs see them: PostgreSQL URLs without their password.
//!
//! Invariant: nothing this crate logs, shows or writes to a settings file contains a
//! password; [`redact_url`] is applied wherever a location leaves the store, and
//! [`split_password`] separates the password from a URL before the URL is saved.

/// The URL with its password (in the user-info part or a `password=` parameter) replaced by
/// `***`. A location that is not a URL (a SQLite file path) is returned unchanged.
pub fn redact_url(url: &str) -> String {
    let (without, password) = split_password(url);
    if password.is_none() {
        return without;
    }
    // Put a visible marker where the password was, so a reader knows one was given.
    match without.split_once("://") {
        Some((scheme, rest)) => match rest.split_once('@') {
            Some((user, host)) if !url.contains("password=") => {
                format!("{scheme}://{user}:***@{host}")
            }
            _ => format!(
                "{without}{}password=***",
                if without.contains('?') { "&" } else { "?" }
            ),
        },
        None => without,
    }
}

/// Splits a URL into the URL without any password and the password (still percent-encoded
/// as it was written), if it had one.
pub fn split_password(url: &str) -> (String, Option<String>) {
    let Some((scheme, rest)) = url.split_once("://") else {
        return (url.to_owned(), None);
    };
    let (main, query) = match rest.split_once('?') {
        Some((m, q)) => (m, Some(q)),
        None => (rest, None),
    };
    let mut password = None;
    // The user-info ends at the last '@' before the query (a literal '@' in a password
    // must be percent-encoded, one in a database name is rare and stays on the right).
    let main = match main.rsplit_once('@') {
        Some((userinfo, host)) => match userinfo.split_once(':') {
            Some((user, secret)) => {
                password = Some(secret.to_owned());
                format!("{user}@{host}")
            }
            None => main.to_owned(),
        },
        None => main.to_owned(),
    };
    let query = query.map(|q| {
        q.split('&')
            .filter(|pair| match pair.strip_prefix("password=") {
                Some(secret) => {
                    password = Some(secret.to_owned());
                    false
                }
                None => true,
            })
            .collect::<Vec<_>>()
            .join("&")
    });
    let url = match query.filter(|q| !q.is_empty()) {
        Some(q) => format!("{scheme}://{main}?{q}"),
        None => format!("{scheme}://{main}"),
    };
    (url, password)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_in_the_user_info_never_survives_redaction() {
        let url = "postgres://planner:s3cr%40t-Sơn@db.office.example:5432/itinera";
        let shown = redact_url(url);
        assert!(
            !shown.contains("s3cr"),
            "the password must not appear in {shown}"
        );
        assert_eq!(
            shown, "postgres://planner:***@db.office.example:5432/itinera",
            "user, host, port and database stay readable"
        );
    }

    #[test]
    fn a_password_parameter_never_survives_redaction() {
        let url = "postgresql://planner@db/itinera?sslmode=require&password=hunter2";
        let shown = redact_url(url);
        assert!(
            !shown.contains("hunter2"),
            "the password must not appear in {shown}"
        );
        assert!(
            shown.contains("sslmode=require"),
            "other parameters stay: {shown}"
        );
    }

    #[test]
    fn split_keeps_the_url_and_hands_back_the_password() {
        let (url, password) = split_password("postgres://planner:pw@localhost/itinera");
        assert_eq!(
            url, "postgres://planner@localhost/itinera",
            "what may be saved"
        );
        assert_eq!(password.as_deref(), Some("pw"), "what goes to ~/.pgpass");
        let (url, password) = split_password("/home/planner/itinera.db");
        assert_eq!(url, "/home/planner/itinera.db", "a file path is untouched");
        assert_eq!(password, None, "a file path has no password");
        let (url, password) = split_password("postgres://planner@localhost/itinera");
        assert_eq!(
            url, "postgres://planner@localhost/itinera",
            "nothing to remove"
        );
        assert_eq!(password, None, "no password given");
    }
}
