/**
 * JSON-LD for the document head, serialised so that nothing in the data can end the
 * `<script>` element or be read as HTML.
 */

/**
 * Serialises a value as JSON safe to place inside `<script type="application/ld+json">`:
 * `<`, `>` and `&` become `\u003c`, `\u003e`, `\u0026`, and U+2028/U+2029 are escaped, so a
 * title containing `</script>` cannot break out. The result is still valid JSON with the same
 * value.
 * Source: HTML Living Standard §4.12.1.3 (restrictions for contents of script elements).
 */
export function serializeJsonLd(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
