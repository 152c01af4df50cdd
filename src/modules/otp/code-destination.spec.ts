import { codeDestination } from './code-destination.js';

describe('codeDestination', () => {
  it('counts every +tag and every spelling of one mailbox as that mailbox', () => {
    const keys = [
      'victim@example.com',
      'victim+1@example.com',
      'victim+6@example.com',
      'Victim+promo@Example.COM',
    ].map((address) => codeDestination(address, 'email').key);

    expect(new Set(keys)).toEqual(new Set(['email:victim@example.com']));
  });

  it('keeps the exact destination for Afilnet', () => {
    expect(codeDestination('Victim+1@Example.com', 'email')).toEqual({
      key: 'email:victim@example.com',
      exact: 'Victim+1@Example.com',
    });
  });

  it('keeps other mailboxes apart', () => {
    expect(codeDestination('victim@example.com', 'email').key).not.toBe(
      codeDestination('victim@example.org', 'email').key,
    );
    expect(codeDestination('other@example.com', 'email').key).not.toBe(
      codeDestination('victim@example.com', 'email').key,
    );
  });

  it('keeps a local part that is only a tag', () => {
    expect(codeDestination('+x@example.com', 'email').key).toBe('email:+x@example.com');
  });

  it('counts mobile numbers by their digits', () => {
    expect(codeDestination('34600000000', 'mobile').key).toBe('mobile:34600000000');
    expect(codeDestination('34 600-000-000', 'mobile').key).toBe('mobile:34600000000');
  });

  it('reads the kind from the destination when no type is given', () => {
    expect(codeDestination('Ana+x@Example.com').key).toBe('email:ana@example.com');
    expect(codeDestination('34600000000').key).toBe('mobile:34600000000');
  });
});
