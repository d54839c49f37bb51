// What one source file imports and exports, read from its syntax tree (no type checking, so
// the whole project parses in well under a second).
import ts from "typescript";

/** One import or re-export: which module, which names ("*" = every export), and how it loads. */
interface ImportEdge {
  specifier: string;
  names: string[] | "*";
  /** `import type` / `export type … from`: erased before the code runs. */
  typeOnly: boolean;
  /** `import("…")`: loaded later, on demand, after this module has finished evaluating. */
  dynamic: boolean;
}

export interface ExportedName {
  name: string;
  line: number;
  /** Referenced in its own file besides its declaration, so un-exporting keeps it alive. */
  usedLocally: boolean;
}

export interface ModuleFacts {
  imports: ImportEdge[];
  exports: ExportedName[];
  /** String literals that name a source file (`new URL("./x.worker.ts", …)`, `globalSetup: "…"`). */
  pathStrings: string[];
}

const SOURCE_PATH = /\.(?:ts|tsx|mts|mjs)$/;

const scriptKind = (fileName: string) => (fileName.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);

const hasExportModifier = (node: ts.Node) =>
  ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

const hasDefaultModifier = (node: ts.Node) =>
  ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);

/** Identifiers that are a property name (`a.x`, `{ x: 1 }`), not a reference to a binding named x. */
function isPropertyName(node: ts.Identifier): boolean {
  const parent = node.parent;
  return (
    (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
    (ts.isPropertyAssignment(parent) && parent.name === node) ||
    (ts.isPropertySignature(parent) && parent.name === node) ||
    (ts.isPropertyDeclaration(parent) && parent.name === node) ||
    (ts.isMethodDeclaration(parent) && parent.name === node) ||
    (ts.isQualifiedName(parent) && parent.right === node)
  );
}

/** The name being declared (`function x`, `const x`), which is no use of x. */
function isDeclaredName(node: ts.Identifier): boolean {
  const parent = node.parent;
  return (
    (ts.isFunctionDeclaration(parent) ||
      ts.isClassDeclaration(parent) ||
      ts.isVariableDeclaration(parent) ||
      ts.isInterfaceDeclaration(parent) ||
      ts.isTypeAliasDeclaration(parent) ||
      ts.isEnumDeclaration(parent)) &&
    parent.name === node
  );
}

export function parseModule(fileName: string, text: string): ModuleFacts {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, scriptKind(fileName));
  const imports: ImportEdge[] = [];
  /** Exported name, the local binding behind it, and where it is declared. */
  const declared: { name: string; local: string; node: ts.Node }[] = [];
  const pathStrings: string[] = [];
  const references = new Map<string, number>();
  const moduleSpecifiers = new Set<ts.Node>();

  const declare = (name: ts.Node | undefined, node: ts.Node) => {
    if (name && ts.isIdentifier(name)) declared.push({ name: name.text, local: name.text, node: name });
    else if (!name && hasDefaultModifier(node)) declared.push({ name: "default", local: "default", node });
  };

  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      moduleSpecifiers.add(statement.moduleSpecifier);
      const clause = statement.importClause;
      const names: string[] = [];
      let all = false;
      if (clause?.name) names.push("default");
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) all = true;
      if (bindings && ts.isNamedImports(bindings)) {
        for (const element of bindings.elements) names.push((element.propertyName ?? element.name).text);
      }
      imports.push({
        specifier: statement.moduleSpecifier.text,
        names: all ? "*" : names,
        typeOnly: clause?.isTypeOnly ?? false,
        dynamic: false,
      });
    } else if (ts.isExportDeclaration(statement)) {
      const clause = statement.exportClause;
      if (statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
        moduleSpecifiers.add(statement.moduleSpecifier);
        const names =
          clause && ts.isNamedExports(clause) ? clause.elements.map((e) => (e.propertyName ?? e.name).text) : "*";
        imports.push({
          specifier: statement.moduleSpecifier.text,
          names,
          typeOnly: statement.isTypeOnly,
          dynamic: false,
        });
      }
      if (clause && ts.isNamedExports(clause)) {
        for (const element of clause.elements) {
          const local = (element.propertyName ?? element.name).text;
          declared.push({ name: element.name.text, local, node: element });
        }
      }
    } else if (ts.isExportAssignment(statement)) {
      declared.push({ name: "default", local: "default", node: statement });
    } else if (hasExportModifier(statement)) {
      if (ts.isVariableStatement(statement)) {
        for (const declaration of statement.declarationList.declarations) declare(declaration.name, declaration);
      } else if (
        ts.isFunctionDeclaration(statement) ||
        ts.isClassDeclaration(statement) ||
        ts.isInterfaceDeclaration(statement) ||
        ts.isTypeAliasDeclaration(statement) ||
        ts.isEnumDeclaration(statement)
      ) {
        declare(hasDefaultModifier(statement) ? undefined : statement.name, statement);
      }
    }
  }

  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [argument] = node.arguments;
      if (argument && ts.isStringLiteralLike(argument)) {
        moduleSpecifiers.add(argument);
        imports.push({ specifier: argument.text, names: "*", typeOnly: false, dynamic: true });
      }
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      // `typeof import("./x.ts")` / `import("./x.ts").T` in a type position.
      const literal = node.argument.literal;
      if (ts.isStringLiteral(literal)) {
        moduleSpecifiers.add(literal);
        const name = node.qualifier && ts.isIdentifier(node.qualifier) ? [node.qualifier.text] : "*";
        imports.push({ specifier: literal.text, names: name, typeOnly: true, dynamic: false });
      }
    } else if (ts.isStringLiteralLike(node) && !moduleSpecifiers.has(node) && SOURCE_PATH.test(node.text)) {
      pathStrings.push(node.text);
    } else if (
      ts.isIdentifier(node) &&
      !isPropertyName(node) &&
      !isDeclaredName(node) &&
      !ts.isExportSpecifier(node.parent) &&
      !ts.isImportSpecifier(node.parent)
    ) {
      references.set(node.text, (references.get(node.text) ?? 0) + 1);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);

  const exports = declared.map(({ name, local, node }) => ({
    name,
    line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1,
    usedLocally: (references.get(local) ?? 0) > 0,
  }));
  return { imports, exports, pathStrings };
}
