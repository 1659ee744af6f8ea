/**
 * Convolution shapes both conv-gradient kernels are checked on against the cpu backend:
 * strides 1, 2 and [2, 3], valid and same padding, batch 1 and more, odd and rectangular
 * sizes (with remainder rows cropped), and one like the model's second conv layer.
 */
export interface ConvCase {
  n: number;
  size: [number, number];
  cin: number;
  cout: number;
  k: [number, number];
  stride: number | [number, number];
  pad: 'valid' | 'same';
}

export const CONV_CASES: ConvCase[] = [
  { n: 1, size: [7, 7], cin: 1, cout: 3, k: [3, 3], stride: 1, pad: 'valid' },
  { n: 3, size: [8, 9], cin: 2, cout: 4, k: [3, 2], stride: 1, pad: 'same' },
  { n: 2, size: [9, 9], cin: 3, cout: 2, k: [3, 3], stride: 2, pad: 'valid' },
  { n: 1, size: [8, 7], cin: 2, cout: 3, k: [2, 3], stride: 2, pad: 'same' },
  { n: 4, size: [10, 11], cin: 2, cout: 5, k: [4, 4], stride: [2, 3], pad: 'valid' }, // remainder rows cropped
  { n: 2, size: [12, 12], cin: 4, cout: 8, k: [5, 5], stride: 1, pad: 'valid' }, // like the model's conv 2
];
