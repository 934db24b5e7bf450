/**
 * Where the demo data shipped with the product lives (`demo/` at the repository root), and
 * typed readers for its JSON files. See demo/README.md for what each file is and its licence.
 */
import fs from 'node:fs';
import path from 'node:path';

export { DEMO_DIR } from '../paths.ts';
import { DEMO_DIR } from '../paths.ts';

/** The organisation structure of the demo (organisations-2022.json). */
export interface DemoOrganisations {
  ministry: { key: string; name: string; name_en: string; short: string; portal: string; domain: string };
  units: Array<{ key: string; name: string; name_en: string; parent: string }>;
  provincial_department: {
    name_pattern: string;
    short_pattern: string;
    page_pattern: string;
    divisions_named_in_seed: string[];
  };
}

/** One province before 1 July 2025 (provinces-2024.json). */
export interface DemoProvince {
  code: string;
  name: string;
  short_name: string;
  type: string;
  merged_into_2025: Array<{ code: string; name: string }>;
}

/** Reads and parses a JSON file of the demo folder. */
export function readDemoJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(path.join(DEMO_DIR, file), 'utf8')) as T;
}
