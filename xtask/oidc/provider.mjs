// A real OpenID provider for the Company Portal's tests: `oidc-provider`
// (OpenID-certified) with its own users, groups and a plain login form a
// WebDriver can fill.
//
//   node xtask/oidc/provider.mjs --port 9000 --redirect-uri https://127.0.0.1:8443/api/sign-in/oidc/callback \
//        [--post-logout-redirect-uri https://127.0.0.1:8443/sign-in] [--client-id portal] [--client-secret ...]
//
// Prints `OpenID provider is listening on http://127.0.0.1:<port>` once ready
// (`--port 0` picks a free port; the issuer is the URL printed).
// Users (password for all: "contoso-idp"):
//   alex@contoso.example  Alex Wilber   groups Sales
//   sam@contoso.example   Sam Taylor    groups BYOD
//   unverified@contoso.example          email_verified false
// Anything else is refused with "Wrong email or password."; "Cancel" on the
// login page returns access_denied.
import { createRequire } from 'node:module';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Whoever started us may stop reading our output; that is no reason to die.
process.stdout.on('error', () => {});

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '..', 'npm', 'package.json'));
const { default: Provider } = await import(require.resolve('oidc-provider'));

function option(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  if (index === -1) {
    if (fallback === undefined) {
      console.error(`missing --${name}`);
      process.exit(2);
    }
    return fallback;
  }
  return process.argv[index + 1];
}

const port = Number(option('port'));
const redirectUri = option('redirect-uri');
const postLogoutRedirectUri = option(
  'post-logout-redirect-uri',
  new URL('/sign-in', redirectUri).toString(),
);
const clientId = option('client-id', 'company-portal');
const clientSecret = option('client-secret', 'company-portal-test-secret');

export const PASSWORD = 'contoso-idp';
const USERS = {
  'alex@contoso.example': { name: 'Alex Wilber', groups: ['Sales'], email_verified: true },
  'sam@contoso.example': { name: 'Sam Taylor', groups: ['BYOD'], email_verified: true },
  'unverified@contoso.example': { name: 'Una Verified', groups: [], email_verified: false },
};

function accountFor(id) {
  const user = USERS[id];
  if (!user) return undefined;
  return {
    accountId: id,
    async claims() {
      return {
        sub: `sub-${id.split('@')[0]}`,
        email: id,
        email_verified: user.email_verified,
        name: user.name,
        groups: user.groups,
      };
    },
  };
}

const configuration = {
  clients: [{
    client_id: clientId,
    client_secret: clientSecret,
    redirect_uris: [redirectUri],
    post_logout_redirect_uris: [postLogoutRedirectUri],
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'client_secret_basic',
  }],
  async findAccount(ctx, id) {
    return accountFor(id);
  },
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name'],
    groups: ['groups'],
  },
  // The claims go in the ID token too (as Entra ID and Keycloak do).
  conformIdTokenClaims: false,
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: {
      enabled: true,
      // Sign out without a confirmation page, for automation. `logout=yes`
      // is the "Yes, sign me out" button: without it the provider only
      // forgets the client and keeps the person signed in.
      async logoutSource(ctx, form) {
        const yes = form.replace('</form>', '<input type="hidden" name="logout" value="yes"></form>');
        ctx.body = `<!DOCTYPE html><html><body>${yes}<script>document.forms[0].submit()</script></body></html>`;
      },
    },
  },
  pkce: { required: () => true },
  cookies: { keys: ['company-portal-test-provider'] },
  interactions: {
    url(ctx, interaction) {
      return `/interaction/${interaction.uid}`;
    },
  },
  // The portal is the organization's own app: no consent screen.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId
      || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid email profile groups');
    await grant.save();
    return grant;
  },
};

// Made once the port is known (the issuer names it): see the end.
let provider;
let handle;

function escape(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function loginPage(uid, error, email = '') {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Contoso sign-in</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body>
<h1>Contoso sign-in</h1>
${error ? `<p id="error" role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${uid}/login">
  <label>Email <input id="email" name="email" type="email" autocomplete="username" value="${escape(email)}" required></label>
  <label>Password <input id="password" name="password" type="password" autocomplete="current-password" required></label>
  <button id="sign-in" type="submit">Sign in</button>
</form>
<p><a id="cancel" href="/interaction/${uid}/abort">Cancel</a></p>
</body></html>`;
}

async function readForm(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

async function interaction(req, res, match) {
  const [, uid, action] = match;
  res.setHeader('cache-control', 'no-store');
  if (!action && req.method === 'GET') {
    await provider.interactionDetails(req, res);
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(loginPage(uid));
    return;
  }
  if (action === 'login' && req.method === 'POST') {
    await provider.interactionDetails(req, res);
    const form = await readForm(req);
    const email = (form.get('email') || '').trim().toLowerCase();
    if (!USERS[email] || form.get('password') !== PASSWORD) {
      res.statusCode = 401;
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(loginPage(uid, 'Wrong email or password.', email));
      return;
    }
    await provider.interactionFinished(req, res, { login: { accountId: email } }, {
      mergeWithLastSubmission: false,
    });
    return;
  }
  if (action === 'abort' && req.method === 'GET') {
    await provider.interactionFinished(req, res, {
      error: 'access_denied',
      error_description: 'The person cancelled the sign-in.',
    }, { mergeWithLastSubmission: false });
    return;
  }
  res.statusCode = 404;
  res.end();
}

const server = http.createServer((req, res) => {
  const match = /^\/interaction\/([^/?]+)(?:\/(login|abort))?(?:\?.*)?$/.exec(req.url);
  if (match) {
    interaction(req, res, match).catch((error) => {
      res.statusCode = 400;
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      res.end(`The sign-in expired or failed: ${error.message}`);
    });
    return;
  }
  handle(req, res);
});

// Nobody knows the port before it is printed, so no request comes before
// the provider exists.
await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;
provider = new Provider(issuer, configuration);
handle = provider.callback();
console.log(`OpenID provider is listening on ${issuer}`);

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
