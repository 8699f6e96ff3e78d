/**
 * YAML read as PyYAML's `safe_load` reads it (what yacs calls), with Python's types: the `yaml` package
 * parses the structure with every scalar as text, and PyYAML's YAML 1.1 resolvers type the plain ones
 * (`1` int, `1.0` float, `1e-5` a string, `yes` a boolean, `~` None).
 */
import { isAlias, isMap, isScalar, isSeq, parseDocument, type Document, Scalar } from 'yaml';
import { SpecError } from '../errors.js';
import { checkYamlText, MAX_YAML_NODES, yamlProblem } from '../io/pyyaml.js';
import { SweepError } from './errors.js';
import type { PyConfigNode, PyValue } from './python.js';
import { constructBool, constructFloat, constructInt, resolvePlain } from '../io/pyyaml-resolve.js';

const TAG_PREFIX = 'tag:yaml.org,2002:';

/**
 * Parses YAML text into Python values as PyYAML's safe loader would.
 *
 * @throws {@link SweepError} for YAML that does not parse, or holds what a yacs config cannot (a mapping
 * key that is not a string, a timestamp, an unknown tag); `path` is the dotted key where it is
 */
export function loadYaml(text: string): PyValue {
  // The same bounds as pycls configs (length, nesting, values, aliases), checked before the parser recurses.
  let where;
  try {
    where = checkYamlText(text);
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    throw new SweepError(error.path, error.reason, { cause: error });
  }
  const doc = parseDocument(text, { version: '1.1', schema: 'failsafe', uniqueKeys: false, logLevel: 'silent', merge: false });
  const problem = doc.errors[0];
  if (problem !== undefined) throw new SweepError('', `invalid YAML ${yamlProblem(where, problem)}`, { cause: problem });
  return convert(doc, doc.contents, '', { nodes: 0 });
}

/** Values built so far: aliases count as what they expand to, so an alias bomb stops at the bound. */
interface Budget {
  nodes: number;
}

function child(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

function convert(doc: Document, node: unknown, path: string, budget: Budget): PyValue {
  if (node === null || node === undefined) return null;
  if (++budget.nodes > MAX_YAML_NODES) throw new SweepError(path, `holds more than MAX_YAML_NODES (${MAX_YAML_NODES}) values (aliases count as what they expand to)`);
  if (isAlias(node)) {
    const target = node.resolve(doc);
    if (target === undefined) throw new SweepError(path, `refers to an undefined alias '${node.source}'`);
    return convert(doc, target, path, budget);
  }
  if (isMap(node)) {
    const out: Record<string, PyValue> = {};
    for (const pair of node.items) {
      const key = convert(doc, pair.key, path, budget);
      if (typeof key !== 'string') {
        throw new SweepError(path, `has a key ${String(key)} that YAML reads as a ${typeof key === 'bigint' ? 'number' : typeof key}, not a string`);
      }
      if (key === '<<' && isScalar(pair.key) && pair.key.type === Scalar.PLAIN) {
        throw new SweepError(child(path, key), 'YAML merge keys are not supported');
      }
      if (key === '__proto__') throw new SweepError(child(path, key), 'is not a usable key');
      // PyYAML keeps the last value of a repeated key, at the place of the first.
      out[key] = convert(doc, pair.value, child(path, key), budget);
    }
    return out as PyConfigNode;
  }
  if (isSeq(node)) return node.items.map((item, i) => convert(doc, item, child(path, i), budget));
  if (isScalar(node)) return scalar(node as Scalar, path);
  throw new SweepError(path, 'holds a YAML node fastscale cannot read');
}

function scalar(node: Scalar, path: string): PyValue {
  const text = String(node.value);
  const tag = node.tag;
  if (tag !== undefined && tag !== '!') {
    if (!tag.startsWith(TAG_PREFIX)) throw new SweepError(path, `has the tag ${tag}, which PyYAML's safe loader rejects`);
    return typed(tag.slice(TAG_PREFIX.length), text, path);
  }
  if (node.type !== Scalar.PLAIN || tag === '!') return text;
  return typed(resolvePlain(text), text, path);
}

function typed(tag: string, text: string, path: string): PyValue {
  try {
    switch (tag) {
      case 'str':
        return text;
      case 'int':
        return constructInt(text);
      case 'float':
        return constructFloat(text);
      case 'bool':
        return constructBool(text);
      case 'null':
        return null;
      default:
        break;
    }
  } catch (error) {
    throw new SweepError(path, `${JSON.stringify(text)} is not a valid ${tag}`, { cause: error });
  }
  throw new SweepError(path, `${JSON.stringify(text)} is a YAML ${tag}, which a yacs config cannot hold`);
}
