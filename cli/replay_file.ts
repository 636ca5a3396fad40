/** Reading the saved response `deno task replay` is given. @module */

/** The saved file could not be read as JSON. */
export class ReplayFileError extends Error {
  /** Creates the error, naming the file. */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "ReplayFileError";
  }
}

/**
 * Reads and parses the saved response body.
 * @throws {ReplayFileError} when the file is missing or is not JSON
 */
export async function readPayload(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await Deno.readTextFile(file);
  } catch (error) {
    throw new ReplayFileError(`Cannot read "${file}": ${(error as Error).message}`, {
      cause: error,
    });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ReplayFileError(
      `Cannot parse "${file}" as JSON: ${(error as Error).message}`,
      { cause: error },
    );
  }
}
