//! A hostile server on loopback, for what the sandbox does not play: pages that make no
//! progress, customers on the wrong side of the cursor, headers no real API sends. Each answer
//! is what the test's function makes of the request; every connection carries one request.

use super::{nxcdp, Scrubbed, FAKE_CREDENTIALS};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;

/// One request as the server read it.
pub struct Request {
    pub path: String,
    /// The JSON body; `null` when there is none.
    pub body: serde_json::Value,
    /// How many requests came before this one.
    pub n: usize,
}

impl Request {
    /// The cursor sent as KEY (`after`, `before`), if any.
    pub fn cursor(&self, key: &str) -> Option<i64> {
        self.body[key].as_i64()
    }
}

/// What the server answers: a status, headers as raw bytes (anything, not only ASCII), a body.
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, Vec<u8>)>,
    pub body: String,
}

impl Reply {
    /// HTTP 200 with the API's envelope around DATA, raw JSON text.
    pub fn data(data: &str) -> Reply {
        Reply::code(0, data)
    }

    /// HTTP 200 with the API's envelope, code CODE.
    pub fn code(code: i64, data: &str) -> Reply {
        Reply {
            status: 200,
            headers: Vec::new(),
            body: format!(r#"{{"code":{code},"message":null,"traceId":"t","data":{data}}}"#),
        }
    }

    /// A page of customers with these ids; PAGING is raw JSON (`{"next":42}`, ...).
    pub fn page(paging: &str, ids: &[i64]) -> Reply {
        let customers: Vec<String> = ids.iter().map(|id| customer(*id)).collect();
        Reply::data(&format!(
            r#"{{"paging":{paging},"customer_list":[{}]}}"#,
            customers.join(",")
        ))
    }

    pub fn status(mut self, status: u16) -> Reply {
        self.status = status;
        self
    }

    pub fn header(mut self, name: &str, value: &[u8]) -> Reply {
        self.headers.push((name.to_string(), value.to_vec()));
        self
    }
}

/// A customer as the API sends one, with this id.
pub fn customer(id: i64) -> String {
    format!(
        r#"{{"id":{id},"full_name":"N{id}","created_at":"2025-01-01T00:00:00","tags":[],"tenant_id":1,"customize_field":null}}"#
    )
}

type Answer = dyn Fn(&Request) -> Reply + Send + Sync;

pub struct Evil {
    pub addr: SocketAddr,
    requests: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
}

impl Evil {
    pub fn start(answer: impl Fn(&Request) -> Reply + Send + Sync + 'static) -> Evil {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let requests = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let answer: Arc<Answer> = Arc::new(answer);
        let (count, stopped) = (requests.clone(), stop.clone());
        std::thread::spawn(move || {
            for conn in listener.incoming() {
                if stopped.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(conn) = conn else { continue };
                let (answer, count) = (answer.clone(), count.clone());
                std::thread::spawn(move || serve(conn, &*answer, &count));
            }
        });
        Evil {
            addr,
            requests,
            stop,
        }
    }

    /// How many requests it has read.
    pub fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }

    /// `nxcdp`, scrubbed, pointed at this server with credentials it does not check.
    pub fn nxcdp(&self) -> Scrubbed<assert_cmd::Command> {
        let mut cmd = nxcdp();
        cmd.envs(FAKE_CREDENTIALS)
            .env("NXCDP_BASE_URL", format!("http://{}", self.addr));
        cmd
    }
}

impl Drop for Evil {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wakes the accepting thread, which then sees the flag.
        let _ = TcpStream::connect(self.addr);
    }
}

fn serve(conn: TcpStream, answer: &Answer, count: &AtomicUsize) {
    let mut reader = BufReader::new(conn.try_clone().unwrap());
    let mut first = String::new();
    if reader.read_line(&mut first).unwrap_or(0) == 0 {
        return;
    }
    let mut length = 0;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) <= 2 {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().unwrap();
            }
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).unwrap();
    let request = Request {
        path: first.split(' ').nth(1).unwrap_or_default().to_string(),
        body: serde_json::from_slice(&body).unwrap_or_default(),
        n: count.fetch_add(1, Ordering::SeqCst),
    };
    let reply = answer(&request);
    let mut out = format!("HTTP/1.1 {} X\r\n", reply.status).into_bytes();
    for (name, value) in &reply.headers {
        out.extend_from_slice(format!("{name}: ").as_bytes());
        out.extend_from_slice(value);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(
        format!(
            "Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{}",
            reply.body.len(),
            reply.body
        )
        .as_bytes(),
    );
    let mut conn = conn;
    let _ = conn.write_all(&out);
}
