// The browser host reads picked files as the CLI and the desktop do: UTF-8, or refused at the
// first bad byte (File.text() would decode it to U+FFFD and the next save would write that back).
import { describe, expect, it } from 'vitest';
import { utf8Text } from './web';

describe('utf8Text', () => {
  it('gives the text of a UTF-8 file', async () => {
    expect(await utf8Text(new Blob(['GREETING: café\n']), 'shop/app.yaml')).toBe('GREETING: café\n');
  });
  it('refuses a file that is not UTF-8 at its first bad byte, naming it', async () => {
    const latin1 = new Blob([new Uint8Array([...new TextEncoder().encode('kind: ConfigMap\ndata:\n  GREETING: caf'), 0xe9, 0x0a])]);
    await expect(utf8Text(latin1, 'shop/k8s/app.yaml')).rejects.toThrow(
      'shop/k8s/app.yaml:3:16: the file is not UTF-8: byte 0xE9 (at byte 37) is not a character; save the file as UTF-8',
    );
  });
});
