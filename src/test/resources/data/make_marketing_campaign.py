"""Writes marketing_campaign_sample.tsv: a fixture in the shape of Kaggle's "Customer Personality Analysis"
marketing_campaign.csv (tab-separated, dd-mm-yyyy dates), with three planted kinds of customer and planted
problems: missing incomes, one income of 666,666, birth years before 1900, and rare marital statuses.
Seeded, so running it again gives the same file: python3 make_marketing_campaign.py > marketing_campaign_sample.tsv"""
import random
from datetime import date, timedelta

random.seed(7)
HEADER = ["ID", "Year_Birth", "Education", "Marital_Status", "Income", "Kidhome", "Teenhome", "Dt_Customer",
          "Recency", "MntWines", "MntFruits", "MntMeatProducts", "MntFishProducts", "MntSweetProducts",
          "MntGoldProds", "NumDealsPurchases", "NumWebPurchases", "NumCatalogPurchases", "NumStorePurchases",
          "NumWebVisitsMonth", "AcceptedCmp3", "AcceptedCmp4", "AcceptedCmp5", "AcceptedCmp1", "AcceptedCmp2",
          "Complain", "Z_CostContact", "Z_Revenue", "Response"]


def clamp(x):
    return max(0, int(round(x)))


def customer(i, kind):
    if kind == "affluent":      # older, rich, no children, wine and meat, catalogue and store
        birth, income, kids, teens = random.gauss(1955, 6), random.gauss(78000, 6000), 0, random.choice([0, 0, 1])
        spend = dict(MntWines=random.gauss(800, 120), MntFruits=random.gauss(60, 15), MntMeatProducts=random.gauss(500, 80),
                     MntFishProducts=random.gauss(80, 20), MntSweetProducts=random.gauss(60, 15), MntGoldProds=random.gauss(70, 20))
        channels = (random.gauss(5, 1), random.gauss(6, 1), random.gauss(9, 1.5), random.gauss(3, 1))
        education = random.choice(["Graduation", "PhD", "PhD", "Master"])
        marital = random.choice(["Married", "Married", "Married", "Together", "Divorced"])
    elif kind == "family":      # young families on small incomes, little spend, many web visits
        birth, income, kids, teens = random.gauss(1982, 5), random.gauss(30000, 5000), random.choice([1, 1, 2]), 0
        spend = dict(MntWines=random.gauss(30, 10), MntFruits=random.gauss(5, 2), MntMeatProducts=random.gauss(20, 6),
                     MntFishProducts=random.gauss(6, 2), MntSweetProducts=random.gauss(5, 2), MntGoldProds=random.gauss(12, 4))
        channels = (random.gauss(2, 0.7), random.gauss(0.5, 0.5), random.gauss(3, 0.8), random.gauss(7, 1))
        education = random.choice(["Graduation", "Basic", "2n Cycle", "Graduation"])
        marital = random.choice(["Single", "Single", "Together", "Married"])
    else:                       # middle incomes with teenagers, deal hunters who buy online
        birth, income, kids, teens = random.gauss(1968, 5), random.gauss(52000, 5000), 0, random.choice([1, 1, 2])
        spend = dict(MntWines=random.gauss(300, 60), MntFruits=random.gauss(20, 6), MntMeatProducts=random.gauss(100, 25),
                     MntFishProducts=random.gauss(25, 8), MntSweetProducts=random.gauss(20, 6), MntGoldProds=random.gauss(40, 10))
        channels = (random.gauss(7, 1), random.gauss(2, 0.8), random.gauss(5, 1), random.gauss(6, 1))
        education = random.choice(["Graduation", "Master", "Graduation", "PhD"])
        marital = random.choice(["Married", "Together", "Married", "Divorced", "Widow"])
    joined = date(2012, 7, 30) + timedelta(days=random.randrange(0, 700))
    web, catalog, store, visits = channels
    row = dict(ID=str(1000 + i), Year_Birth=str(int(birth)), Education=education, Marital_Status=marital,
               Income=str(clamp(income)), Kidhome=str(kids), Teenhome=str(teens), Dt_Customer=joined.strftime("%d-%m-%Y"),
               Recency=str(random.randrange(0, 100)), NumDealsPurchases=str(clamp(random.gauss(2, 1))),
               NumWebPurchases=str(clamp(web)), NumCatalogPurchases=str(clamp(catalog)),
               NumStorePurchases=str(clamp(store)), NumWebVisitsMonth=str(clamp(visits)), Complain="0",
               Z_CostContact="3", Z_Revenue="11", Response=str(int(random.random() < 0.15)))
    for name, value in spend.items():
        row[name] = str(clamp(value))
    for c in ["AcceptedCmp3", "AcceptedCmp4", "AcceptedCmp5", "AcceptedCmp1", "AcceptedCmp2"]:
        row[c] = str(int(random.random() < 0.07))
    return row


rows = [customer(i, kind) for i, kind in enumerate(["affluent"] * 150 + ["family"] * 200 + ["online"] * 150)]
random.shuffle(rows)
for i in range(0, 24):                      # planted: incomes left empty
    rows[i * 20 + 3]["Income"] = ""
rows[77]["Income"] = "666666"               # planted: the Kaggle file's extreme income
rows[101]["Year_Birth"] = "1893"            # planted: birth years before 1900
rows[202]["Year_Birth"] = "1899"
rows[303]["Marital_Status"] = "YOLO"        # planted: statuses too rare to be their own category
rows[304]["Marital_Status"] = "Absurd"
print("\t".join(HEADER))
for row in rows:
    print("\t".join(row[h] for h in HEADER))
