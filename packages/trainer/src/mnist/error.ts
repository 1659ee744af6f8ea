/** A missing, truncated or malformed MNIST file; the message names the file and the problem. */
export class MnistError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MnistError';
  }
}
