"""The usual RFM notebook on the UCI Online Retail export, timed: read_csv, clean, groupby, qcut, RF grid.

Usage: /usr/bin/python3 bench/transactions/notebook.py ../shared/data/online_retail.csv [REPEATS]
Prints each repeat's seconds and, once, the segment sizes (to compare with the service's RFM run).
"""
import sys
import time

import pandas as pd

SEGMENTS = {
    r'[1-2][1-2]': 'hibernating',
    r'[1-2][3-4]': 'at-risk',
    r'[1-2]5': 'cant-lose',
    r'3[1-2]': 'about-to-sleep',
    r'33': 'need-attention',
    r'[3-4][4-5]': 'loyal-customers',
    r'41': 'promising',
    r'51': 'new-customers',
    r'[4-5][2-3]': 'potential-loyalists',
    r'5[4-5]': 'champions',
}


def rfm(path):
    df = pd.read_csv(path, dtype={'InvoiceNo': str, 'StockCode': str, 'CustomerID': str},
                     parse_dates=['InvoiceDate'])
    df = df.dropna(subset=['CustomerID'])
    df = df[~df['InvoiceNo'].str.startswith('C')]
    df = df[(df['Quantity'] > 0) & (df['UnitPrice'] > 0)]
    df = df.drop_duplicates()
    df['TotalPrice'] = df['Quantity'] * df['UnitPrice']
    snapshot = df['InvoiceDate'].max().normalize() + pd.Timedelta(days=1)
    customers = df.groupby('CustomerID').agg(
        recency=('InvoiceDate', lambda d: (snapshot - d.max().normalize()).days),
        frequency=('InvoiceNo', 'nunique'),
        monetary=('TotalPrice', 'sum'))
    customers['R'] = pd.qcut(customers['recency'], 5, labels=[5, 4, 3, 2, 1])
    customers['F'] = pd.qcut(customers['frequency'].rank(method='first'), 5, labels=[1, 2, 3, 4, 5])
    customers['M'] = pd.qcut(customers['monetary'], 5, labels=[1, 2, 3, 4, 5])
    customers['segment'] = (customers['R'].astype(str) + customers['F'].astype(str)).replace(SEGMENTS, regex=True)
    return customers


def main():
    path = sys.argv[1]
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    result = None
    for repeat in range(repeats):
        started = time.perf_counter()
        result = rfm(path)
        print(f"notebook\t{repeat}\t{time.perf_counter() - started:.3f}", flush=True)
    print(f"customers\t{len(result)}")
    for segment, size in result['segment'].value_counts().items():
        print(f"segment\t{segment}\t{size}")


if __name__ == '__main__':
    main()
