import { maskDestination } from './destination-mask.js';

describe('maskDestination', () => {
  it('keeps the first three and last four digits of a number', () => {
    expect(maskDestination('34600000000')).toBe('346****0000');
    expect(maskDestination('346123456789012')).toBe('346********9012');
    expect(maskDestination('34612345')).toBe('346*2345');
  });

  it('keeps the first letter and the domain of an address', () => {
    expect(maskDestination('ana.garcia@example.com')).toBe('a***@example.com');
    expect(maskDestination('a@example.com')).toBe('a***@example.com');
  });

  it('never shows the whole destination', () => {
    for (const destination of ['34600000000', '12345678', 'luis@example.org']) {
      expect(maskDestination(destination)).not.toBe(destination);
      expect(maskDestination(destination)).toContain('*');
    }
  });
});
