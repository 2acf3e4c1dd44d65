import { Args } from "@oclif/core"
import { Eng5Command } from "../cli/Eng5Command.js"
import { bundledExample, type ExampleWritten, writeExample } from "../programs/writeExample.js"

export default class Example extends Eng5Command {
  static override summary = "Write the bundled example dataset to a folder and print the command that rehearses it."
  static override description =
    "The dataset is synthetic (24 student essays, 12 graded anchors, instructions; .txt, .md, .docx and .pdf) in the platform's ENG5 layout. The printed command runs the whole experiment on it against the in-process sandbox: no service, Kafka or LLM money needed. DIR must not exist or be empty."
  static override examples = ["<%= config.bin %> example", "<%= config.bin %> example my-example --json"]
  static override args = { dir: Args.string({ description: "Folder to create.", default: "eng5-example" }) }

  async run(): Promise<ExampleWritten> {
    const { args, flags } = await this.parse(Example)
    const written = await this.runProgram(writeExample(bundledExample(this.config.root), args.dir, this.config.bin), this.baseLayer(flags.verbose))
    if (!this.jsonEnabled()) {
      this.log(`Wrote the example dataset to ${written.folder} (${written.students} student essays, ${written.anchors} anchors; synthetic).`)
      this.log("Rehearse the whole experiment on it (in-process sandbox, nothing published, no LLM cost):")
      this.log(`  ${written.command}`)
    }
    return written
  }
}
