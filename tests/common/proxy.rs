//! A proxy on loopback for tests of what goes through one: it relays plain HTTP to the sandbox,
//! or answers 407 to everything.

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// A proxy on loopback: it relays each connection to UPSTREAM, or answers 407 without one.
/// It keeps the first line of each request it gets.
pub struct Proxy {
    pub addr: SocketAddr,
    seen: Arc<Mutex<Vec<String>>>,
    stop: Arc<AtomicBool>,
}

impl Proxy {
    pub fn start(upstream: Option<SocketAddr>) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (seen2, stop2) = (seen.clone(), stop.clone());
        std::thread::spawn(move || {
            for conn in listener.incoming() {
                if stop2.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(conn) = conn else { continue };
                let seen = seen2.clone();
                std::thread::spawn(move || serve(conn, upstream, &seen));
            }
        });
        Proxy { addr, seen, stop }
    }

    pub fn url(&self, userinfo: &str) -> String {
        format!("http://{userinfo}{}", self.addr)
    }

    pub fn seen(&self) -> Vec<String> {
        self.seen.lock().unwrap().clone()
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wakes the accepting thread, which then sees the flag.
        let _ = TcpStream::connect(self.addr);
    }
}

/// One connection: its request heads are noted; relayed as they are to UPSTREAM (a server
/// takes a request line with a whole URL), or each answered with a 407.
fn serve(conn: TcpStream, upstream: Option<SocketAddr>, seen: &Mutex<Vec<String>>) {
    let mut reader = BufReader::new(conn.try_clone().unwrap());
    let mut first = String::new();
    if reader.read_line(&mut first).unwrap_or(0) == 0 {
        return;
    }
    seen.lock().unwrap().push(first.trim_end().to_string());
    let Some(upstream) = upstream else {
        // The rest of the head, then the refusal; the client sees the connection close.
        let mut line = String::new();
        while reader.read_line(&mut line).unwrap_or(0) > 2 {
            line.clear();
        }
        let mut conn = conn;
        let _ = conn.write_all(
            b"HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"corp\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        );
        return;
    };
    let mut server = TcpStream::connect(upstream).unwrap();
    server.write_all(first.as_bytes()).unwrap();
    let mut back = server.try_clone().unwrap();
    let mut client = conn;
    let relay = std::thread::spawn(move || {
        let _ = std::io::copy(&mut back, &mut client);
        let _ = client.shutdown(std::net::Shutdown::Write);
    });
    // What the client sends next (the rest of the head and the body, more requests) passes
    // on; only the first line of the connection is noted.
    let _ = std::io::copy(&mut reader, &mut server);
    let _ = server.shutdown(std::net::Shutdown::Write);
    let _ = relay.join();
}
