/**
 * (Re)writes the synthetic ENG5 example dataset under `examples/eng5/`.
 *
 *   npx tsx scripts/generate-examples.ts [target-dir]
 *
 * All texts live in `scripts/eng5-example-data.ts`. The output is byte-identical
 * on every run (fixed zip timestamps, no dates or randomness), so regenerating
 * only shows up in `git diff` when the data changed.
 */
import { mkdir, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  ANCHOR_DIR,
  ANCHOR_ESSAYS,
  ANCHORS_CSV_FILE_NAME,
  EXAMPLES_README_MD,
  INSTRUCTIONS_FILE_NAME,
  INSTRUCTIONS_MD,
  STUDENT_DIR,
  STUDENT_ESSAYS,
  anchorFileName,
  anchorsCsv,
  renderEssay,
  studentFileName,
} from "./eng5-example-data.js";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const DEFAULT_EXAMPLES_DIR = join(repoRoot, "examples", "eng5");

/** Write the example dataset to `root`, replacing any previous anchor/student essay folders. Returns the files written. */
export const generateExamples = async (root: string = DEFAULT_EXAMPLES_DIR): Promise<string[]> => {
  const files = new Map<string, Uint8Array | string>();
  files.set(INSTRUCTIONS_FILE_NAME, INSTRUCTIONS_MD);
  files.set(ANCHORS_CSV_FILE_NAME, anchorsCsv(ANCHOR_ESSAYS));
  files.set("README.md", EXAMPLES_README_MD);
  for (const anchor of ANCHOR_ESSAYS) {
    files.set(join(ANCHOR_DIR, anchorFileName(anchor)), renderEssay(anchor.format, anchor.text));
  }
  for (const student of STUDENT_ESSAYS) {
    files.set(join(STUDENT_DIR, studentFileName(student)), renderEssay(student.format, student.text));
  }

  // Start the essay folders from scratch so renamed or removed essays do not linger.
  await rm(join(root, ANCHOR_DIR), { recursive: true, force: true });
  await rm(join(root, STUDENT_DIR), { recursive: true, force: true });
  await mkdir(join(root, ANCHOR_DIR), { recursive: true });
  await mkdir(join(root, STUDENT_DIR), { recursive: true });

  const written = [...files.keys()].sort();
  for (const relativePath of written) {
    await writeFile(join(root, relativePath), files.get(relativePath) ?? "");
  }
  return written;
};

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);

if (isMain) {
  const target = resolve(process.argv[2] ?? DEFAULT_EXAMPLES_DIR);
  const written = await generateExamples(target);
  console.log(`Wrote ${written.length} files to ${target}`);
}
