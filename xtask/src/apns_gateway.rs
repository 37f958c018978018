//! The stand-in APNs gateway (`device-sim apns`) that `cargo xtask run`
//! starts beside the demo portal, so simulated devices enrolled against
//! the demo are woken by its pushes as iPhones are by Apple's.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};

use crate::process::describe;

/// The running gateway; stopped when dropped.
pub struct ApnsGateway {
    child: Child,
    /// e.g. `https://127.0.0.1:41234`: the portal's `--apns-url`.
    pub url: String,
    /// Its TLS certificate (PEM): the portal's `--apns-ca`.
    pub certificate: PathBuf,
}

impl ApnsGateway {
    /// Starts `device_sim` (the built binary) on a free loopback port,
    /// trusting the demo's stand-in push CA in `data`, and waits until it
    /// says where it listens. Its later output goes to ours.
    pub fn start(device_sim: &Path, data: &Path) -> Result<ApnsGateway, String> {
        std::fs::create_dir_all(data).map_err(|e| format!("{}: {e}", data.display()))?;
        let certificate = data.join("apns-gateway-cert.pem");
        let mut command = std::process::Command::new(device_sim);
        command
            .args(["apns", "--listen", "127.0.0.1:0", "--client-ca"])
            .arg(data.join("demo-push-ca-cert.pem"))
            .arg("--tls-cert-out")
            .arg(&certificate)
            .stdout(Stdio::piped());
        let shown = describe(&command);
        eprintln!("xtask: $ {shown} &");
        let mut child = command
            .spawn()
            .map_err(|e| format!("could not start `{shown}`: {e}"))?;
        let stdout = child
            .stdout
            .take()
            .ok_or("no stdout from device-sim apns")?;
        let mut lines = BufReader::new(stdout).lines();
        let url = loop {
            match lines.next() {
                Some(Ok(line)) => {
                    println!("apns: {line}");
                    if let Some(url) = line.strip_prefix("APNs gateway listening on ") {
                        break url.trim().to_owned();
                    }
                }
                _ => {
                    let _ = child.kill();
                    return Err(format!("`{shown}` ended before listening"));
                }
            }
        };
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                println!("apns: {line}");
            }
        });
        Ok(ApnsGateway {
            child,
            url,
            certificate,
        })
    }
}

impl Drop for ApnsGateway {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
