// A real OpenID Connect provider (panva/oidc-provider) on 127.0.0.1 for the sign-in tests.
// PORT and REDIRECT_URI come from the test; one person, Mette Hansen, whose role and plans the
// service maps from the "roles" and "monitoring_plans" claims. The provider's development login and
// consent pages stand in for the organisation's login; any password is accepted.
import Provider from 'oidc-provider';

const port = Number(process.env.PORT);
const people = {
  mette: { sub: 'mette', name: 'Mette Hansen', roles: ['Monitoring.Viewer'], monitoring_plans: ['vesteraa-parkerne'] },
};

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [{
    client_id: 'monitoring',
    client_secret: 'test-secret',
    redirect_uris: [process.env.REDIRECT_URI],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  scopes: ['openid', 'profile', 'monitoring'],
  claims: { openid: ['sub'], profile: ['name'], monitoring: ['roles', 'monitoring_plans'] },
  findAccount: async (ctx, id) => people[id] && { accountId: id, claims: async () => people[id] },
  pkce: { required: () => true },
  cookies: { keys: ['test-only-cookie-key'] },
  features: { devInteractions: { enabled: true } },
});
provider.proxy = false;
provider.listen(port, '127.0.0.1', () => console.log(`ready on ${port}`));
