// The provider table: one source of provider facts for the rules and for discovery.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PROVIDERS, anyProviderOf, providerForDomain, providerForMx, providerOf } from '../../server/src/semantics/providers';

describe('provider table', () => {
  it('every entry cites a source and has a unique id', () => {
    const ids = new Set<string>();
    for (const p of PROVIDERS) {
      assert.ok(p.sources.length > 0 && p.sources.every((s) => s.trim().length > 10), `${p.id} cites no source`);
      assert.ok(!ids.has(p.id), `duplicate id ${p.id}`);
      ids.add(p.id);
    }
  });

  it('the endpoints a client is told to use are ports the entry says the provider offers, in that mode', () => {
    for (const p of PROVIDERS) {
      for (const e of p.submission ?? []) {
        const ports = e.tls === 'implicit' ? p.implicit : e.tls === 'starttls' ? p.starttls : p.plain ?? [];
        // The Proton Bridge endpoint is local (127.0.0.1:1025), not one of Proton's own ports.
        if (e.host === '127.0.0.1') continue;
        assert.ok(ports.includes(e.port), `${p.id}: ${e.host}:${e.port} ${e.tls} is not in its own port list`);
        assert.ok(p.hosts.test(e.host), `${p.id}: ${e.host} does not match its own host pattern`);
      }
    }
  });

  it('the rules see documented entries only; discovery sees all', () => {
    assert.equal(providerOf('smtp.office365.com')?.id, 'microsoft-365');
    assert.equal(providerOf('SMTP.Office365.com')?.id, 'microsoft-365');
    assert.equal(providerOf('email-smtp.eu-west-1.amazonaws.com')?.requiresTls, true);
    assert.equal(providerOf('smtp.aol.com'), undefined);
    assert.equal(anyProviderOf('smtp.aol.com')?.id, 'aol');
    assert.equal(providerOf(undefined), undefined);
    assert.equal(providerOf('smtp.example.com'), undefined);
  });

  it('maps e-mail domains and MX hosts to the provider hosting them', () => {
    assert.equal(providerForDomain('gmail.com')?.id, 'gmail');
    assert.equal(providerForDomain('Hotmail.com')?.id, 'outlook-com');
    assert.equal(providerForDomain('example.com'), undefined);
    assert.equal(providerForMx('aspmx.l.google.com.')?.id, 'gmail');
    assert.equal(providerForMx('smtp.google.com')?.id, 'gmail');
    assert.equal(providerForMx('example-com.mail.protection.outlook.com')?.id, 'microsoft-365');
    assert.equal(providerForMx('outlook-com.olc.protection.outlook.com')?.id, 'outlook-com');
    assert.equal(providerForMx('in1-smtp.messagingengine.com')?.id, 'fastmail');
    assert.equal(providerForMx('mx.example.com'), undefined);
    assert.equal(providerForMx('google.com.evil.example'), undefined);
  });
});
