// A district's OpenID Connect provider for the sign-in tests: oidc-provider (from the npm registry) with
// its development login pages, one confidential client, and accounts whose e-mail is their login.
import Provider from 'oidc-provider';

const { PORT, CLIENT_ID, CLIENT_SECRET, REDIRECT_URI } = process.env;
const provider = new Provider(`http://127.0.0.1:${PORT}`, {
  clients: [{
    client_id: CLIENT_ID,
    client_secret: CLIENT_SECRET,
    redirect_uris: [REDIRECT_URI],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  async findAccount(ctx, id) {
    return {
      accountId: id,
      async claims() {
        return { sub: id, email: id, email_verified: true, name: 'Dana Whitfield' };
      },
    };
  },
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ['a-test-only-cookie-key'] },
});
provider.listen(Number(PORT), '127.0.0.1', () => console.log('ready'));
