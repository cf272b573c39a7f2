import { memo } from 'react';
import { formatAttrValue, type Attribute } from '../../../core/model/attributes.ts';
import { CopyButton } from '../../ui/CopyButton.tsx';
import { displayValue } from './pretty-json.ts';

const collapseOver = 240;

/** Attributes as a key/value table. Values are always rendered as text, never as HTML. */
export const AttributeTable = memo(function AttributeTable({ attributes, label }: { attributes: readonly Attribute[]; label: string }) {
  if (attributes.length === 0) return <p className="muted">None</p>;
  return (
    <table className="kv" aria-label={label}>
      <tbody>
        {attributes.map((attribute, i) => (
          <tr key={`${attribute.key}-${i}`}>
            <th scope="row">{breakableKey(attribute.key)}</th>
            <td>
              <AttributeValue text={formatAttrValue(attribute.value)} type={attribute.value.type} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
});

function AttributeValue({ text, type }: { text: string; type: string }) {
  const display = type === 'string' ? displayValue(text) : ({ kind: 'text', text } as const);
  const body =
    display.kind === 'json' ? (
      <details open={display.pretty.length <= collapseOver}>
        <summary className="muted">JSON, {display.raw.length.toLocaleString()} characters</summary>
        <pre className="json-block">{display.pretty}</pre>
      </details>
    ) : text.length > collapseOver * 4 ? (
      <details>
        <summary>{text.slice(0, collapseOver)}… ({text.length.toLocaleString()} characters)</summary>
        <pre className="json-block">{text.length > 200_000 ? `${text.slice(0, 200_000)}\n… (${(text.length - 200_000).toLocaleString()} more characters; copy to see all)` : text}</pre>
      </details>
    ) : (
      <span className={type === 'string' ? undefined : 'typed-value'}>{text}</span>
    );
  return (
    <div className="attr-value">
      {body}
      <CopyButton text={display.kind === 'json' ? display.raw : text} label="Copy value" />
    </div>
  );
}

/** Attribute keys break after `.` and `_` (junjo.workflow.state.start), never in the middle of a word. */
function breakableKey(key: string) {
  const parts = key.split(/(?<=[._])/);
  return parts.map((part, i) => (
    <span key={i}>
      {part}
      {i < parts.length - 1 && <wbr />}
    </span>
  ));
}
