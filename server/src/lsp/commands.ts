// Commands the server executes (workspace/executeCommand): show a rule's documentation, apply every safe
// fix of a document, re-lint everything (after the project config changed outside the editor's view).
import type { ExecuteCommandParams } from 'vscode-languageserver';
import type { CodeActions } from './codeActions';
import type { DocumentLinter } from './linter';
import { CMD_FIX_ALL, CMD_RELINT, CMD_SHOW_DOCS, type FixAllCommandArgs, type FixAllCommandResult } from './protocol';
import type { Publisher } from './publisher';
import type { Session } from './session';

/** The commands to announce in executeCommandProvider. */
export const SERVER_COMMANDS = [CMD_SHOW_DOCS, CMD_FIX_ALL, CMD_RELINT];

export class Commands {
  constructor(
    private readonly session: Session,
    private readonly linter: DocumentLinter,
    private readonly codeActions: CodeActions,
    private readonly publisher: Publisher,
  ) {}

  async execute(params: ExecuteCommandParams): Promise<FixAllCommandResult | null> {
    if (params.command === CMD_SHOW_DOCS) return this.showDocs(String(params.arguments?.[0] ?? ''));
    if (params.command === CMD_FIX_ALL) return this.fixAll(params.arguments?.[0] as FixAllCommandArgs | string | undefined);
    if (params.command === CMD_RELINT) {
      this.session.configs.clear();
      this.publisher.invalidateAll();
    }
    return null;
  }

  private async showDocs(href: string): Promise<null> {
    if (!/^https?:\/\//.test(href)) return null;
    const { connection, caps } = this.session;
    if (caps.showDocumentSupport) await connection.window.showDocument({ uri: href, external: true });
    else void connection.window.showInformationMessage(`Mail Config Lint documentation: ${href}`);
    return null;
  }

  private async fixAll(arg: FixAllCommandArgs | string | undefined): Promise<FixAllCommandResult> {
    const uri = typeof arg === 'string' ? arg : arg?.uri;
    if (!uri) return { applied: 0 };
    const cur = await this.linter.current(uri);
    if (!cur) return { applied: 0 };
    if (typeof arg === 'object' && typeof arg.version === 'number' && arg.version !== cur.doc.version) return { applied: 0, stale: true };
    const { edit, count } = this.codeActions.fixAllEdit(cur.doc, cur.lr);
    if (!edit) return { applied: 0 };
    const r = await this.session.connection.workspace.applyEdit({ label: 'Fix all Mail Config Lint problems', edit });
    return { applied: r.applied ? count : 0 };
  }
}
